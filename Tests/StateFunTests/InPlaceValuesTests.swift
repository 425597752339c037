import StateFun
import Testing
import StateFunWire
import StateFunProtocol

/// A celsius reading with its own serializer that can be told to fail half-way through writing.
struct Reading: StateFunType, Equatable {
    static let typeName: TypeName = "test/Reading"
    var degrees: Int32
    var failsToSerialize = false

    static func deserialize(from bytes: [UInt8]) throws -> Reading {
        guard bytes.count == 4 else { throw StateFunError.invalidArgument("a reading is 4 bytes, not \(bytes.count)") }
        let value = bytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Reading(degrees: Int32(bitPattern: value))
    }

    func serialize() throws -> [UInt8] {
        let value = UInt32(bitPattern: degrees)
        return (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }

    func serialize(to writer: inout WireWriter) throws {
        writer.writeRaw(try serialize().prefix(2))
        if failsToSerialize { throw StateFunError.invalidArgument("this reading cannot be written") }
        writer.writeRaw(try serialize().suffix(2))
    }
}

/// Values decoded in place from the request, buffers reused between writes and batches, and synchronous
/// handlers run without an await: each answers exactly as the plain, copying form would.
@Suite struct InPlaceValuesTests {
    static let counter = ValueSpec<Int32>("counter")
    static let reading = ValueSpec<Reading>("reading")
    static let target = Address("test/fn", id: "a")

    static func app(async: Bool = false) -> App {
        App {
            Function("test/fn") {
                counter
                reading
                if async {
                    Handle(String.self) { context, command in
                        await Task.yield()
                        try run(command, context)
                    }
                } else {
                    Handle(String.self) { context, command in try run(command, context) }
                }
            }
        }
    }

    static func run(_ command: String, _ context: Context) throws {
        switch command {
        case "inc": try context.storage.set(counter, (try context.storage.get(counter) ?? 0) + 1)
        case "big": try context.send(Egress(id: "test/out").record(String(repeating: "b", count: 5_000)))
        case "keep-then-write":
            // Two writes after the read: the second reuses the buffer the value read had pointed into.
            let before = try context.storage.get(named: "counter")
            try context.storage.set(counter, 98)
            try context.storage.set(counter, 99)
            if let before { try context.send(Egress(id: "test/out").record(before)) }
        case "bad-reading":
            try context.storage.set(reading, Reading(degrees: 20))
            do {
                try context.storage.set(reading, Reading(degrees: 30, failsToSerialize: true))
            } catch {
                try context.send(Egress(id: "test/out").record(try context.storage.get(reading)?.degrees ?? -1))
            }
        case "reply": try context.reply("to \(context.caller?.typeName.description ?? "?")/\(context.caller?.id ?? "?")")
        default: break
        }
    }

    func states(counter: Int32 = 0) -> [(String, TypedValue?)] {
        [("counter", Requests.typed(counter)), ("reading", nil)]
    }

    @Test func manyWritesOfOneStateInABatchEndWithTheLastValue() async throws {
        let request = Requests.v3(Self.target, states: states(), Array(repeating: (nil, Requests.typed("inc")), count: 50))
        let result = try Requests.result(try await Self.app().requestReplyHandler().handle(request))
        #expect(result.stateMutations.map(\.stateValue) == [Requests.typed(Int32(50))])
    }

    @Test func aValueReadByNameKeepsItsBytesWhenTheStateIsWrittenAfterwards() async throws {
        let request = Requests.v3(
            Self.target, states: states(counter: 7), [(nil, Requests.typed("inc")), (nil, Requests.typed("keep-then-write"))])
        let result = try Requests.result(try await Self.app().requestReplyHandler().handle(request))
        #expect(result.outgoingEgresses.map(\.argument) == [Requests.typed(Int32(8))])
        #expect(result.stateMutations.map(\.stateValue) == [Requests.typed(Int32(99))])
    }

    @Test func aWriteWhoseSerializationFailsLeavesTheStateAsItWas() async throws {
        let request = Requests.v3(Self.target, states: states(), [(nil, Requests.typed("bad-reading"))])
        let result = try Requests.result(try await Self.app().requestReplyHandler().handle(request))
        #expect(result.outgoingEgresses.map(\.argument) == [Requests.typed(Int32(20))])
        #expect(result.stateMutations.map(\.stateValue) == [Requests.typed(Reading(degrees: 20))])
    }

    @Test func buffersReusedBetweenBatchesNeverCarryEarlierBytes() async throws {
        let handler = Self.app().requestReplyHandler()
        let small = Requests.v3(Self.target, states: states(counter: 1), [(nil, Requests.typed("inc"))])
        let fresh = try await Self.app().requestReplyHandler().handle(small)
        for command in ["big", "inc", "keep-then-write", "big"] {
            let request = Requests.v3(Self.target, states: states(counter: 5), Array(repeating: (nil, Requests.typed(command)), count: 3))
            _ = try await handler.handle(request)
            #expect(try await handler.handle(small) == fresh, "after a batch of \(command)")
        }
    }

    @Test func synchronousAndAsynchronousHandlersAnswerTheSame() async throws {
        let caller = Address("test/caller", id: "c")
        let request = Requests.v3(
            Self.target, states: states(counter: 3),
            [(nil, Requests.typed("inc")), (caller, Requests.typed("reply")), (nil, Requests.typed("keep-then-write"))])
        let sync = try await Self.app().requestReplyHandler().handle(request)
        let async = try await Self.app(async: true).requestReplyHandler().handle(request)
        #expect(!sync.isEmpty)
        #expect(sync == async)
        // A closure without `await` picks the synchronous form, which runs without an async call per message.
        #expect(Self.app().model.functions.map(\.isSynchronous) == [true])
        #expect(Self.app(async: true).model.functions.map(\.isSynchronous) == [false])
    }

    @Test func callersOfSeveralFunctionsInOneBatchKeepTheirOwnTypeNames() async throws {
        let callers = [
            Address("a/x", id: "1"), Address("a/x", id: "2"), Address("b/y", id: "3"), Address("a/x", id: "4"),
            Address("a/xy", id: "5"),
        ]
        let request = Requests.v3(Self.target, states: states(), callers.map { ($0, Requests.typed("reply")) })
        let result = try Requests.result(try await Self.app().requestReplyHandler().handle(request))
        #expect(result.outgoingMessages.map(\.target) == callers)
        #expect(result.outgoingMessages.map(\.argument) == callers.map { Requests.typed("to \($0.typeName)/\($0.id)") })
    }

    @Test func aTypeWithOnlyAnArrayDeserializerDecodesFromASlice() throws {
        let whole: [UInt8] = [9, 9] + (try Reading(degrees: -4).serialize()) + [9]
        let message = Message(typeName: "test/Reading", payload: whole[2..<6])
        #expect(try message.decode(Reading.self) == Reading(degrees: -4))
        #expect(message.bytes == Array(whole[2..<6]))
    }

    @Test func builtInsDecodeEveryEncodingTheGeneralRulesAccept() throws {
        func slice(_ bytes: [UInt8]) -> ArraySlice<UInt8> { ([0xEE] + bytes + [0xEE])[1..<(1 + bytes.count)] }
        // Canonical, inside a larger buffer.
        #expect(try Int32.deserialize(from: slice([0x0D, 0xFE, 0xFF, 0xFF, 0xFF])) == -2)
        #expect(try Int64.deserialize(from: slice([0x09, 5, 0, 0, 0, 0, 0, 0, 0])) == 5)
        #expect(try Bool.deserialize(from: slice([0x08, 0x01])))
        #expect(try String.deserialize(from: slice([0x0A, 0x02, 0x68, 0x69])) == "hi")
        #expect(try Double.deserialize(from: slice([0x09] + withUnsafeBytes(of: 1.5.bitPattern.littleEndian, Array.init))) == 1.5)
        #expect(try Float.deserialize(from: slice([0x0D] + withUnsafeBytes(of: Float(2.5).bitPattern.littleEndian, Array.init))) == 2.5)
        // Not canonical: an unknown field first, a repeated field (the last wins), another wire type (skipped).
        #expect(try Int32.deserialize(from: slice([0x10, 0x01, 0x0D, 0x07, 0, 0, 0])) == 7)
        #expect(try Int32.deserialize(from: slice([0x0D, 1, 0, 0, 0, 0x0D, 2, 0, 0, 0])) == 2)
        #expect(try Int32.deserialize(from: slice([0x08, 0x05])) == 0)
        #expect(try Bool.deserialize(from: slice([0x08, 0x80, 0x01])))
        #expect(try String.deserialize(from: slice([0x0A, 0x01, 0x61, 0x0A, 0x01, 0x62])) == "b")
        #expect(try String.deserialize(from: slice([])) == "")
        // A two-byte length whose first byte happens to equal the bytes left: read as the varint it is.
        let long = [UInt8](repeating: 0x61, count: 201)
        #expect(try String.deserialize(from: slice([0x0A, 0xC9, 0x01] + long)) == String(repeating: "a", count: 201))
        #expect(throws: StateFunError.self) { try String.deserialize(from: slice([0x0A, 0xC9, 0x01] + long.dropLast())) }
        #expect(throws: StateFunError.self) { try String.deserialize(from: slice([0x0A, 0x02, 0xC3, 0x28])) }
        #expect(throws: StateFunError.self) { try Int32.deserialize(from: slice([0x0D, 0x01])) }
    }

    @Test func typeNamesGetOneNumberEachForTheLifeOfTheProcess() {
        let a = TypeNameIdentity.number(of: "test/one")
        #expect(a != 0)
        #expect(TypeNameIdentity.number(of: TypeName(namespace: "test", name: "one")) == a)
        #expect(TypeNameIdentity.number(of: "test/two") != a)
        #expect(TypeNameIdentity.number(of: Int32.typeName) == TypeNameIdentity.number(of: "io.statefun.types/int"))
    }
}

/// Invocations the runtime encodes in its usual layout are read in one pass; every other layout is decoded
/// field by field. Both must give the same answer.
@Suite struct InvocationLayoutTests {
    static let target = Address("test/fn", id: "a")

    /// `ToFunction{invocation{target, state counter=0, invocations…}}` with each invocation's bytes as given.
    func request(invocations: [[UInt8]]) -> [UInt8] {
        var batch = WireWriter()
        Self.target.write(1, to: &batch)
        batch.writeMessage(2) { state in
            state.writeString(1, "counter")
            state.writeMessage(2) { Requests.typed(Int32(0)).encode(to: &$0) }
        }
        for invocation in invocations { batch.writeMessageBytes(3, invocation) }
        var out = WireWriter()
        out.writeMessageBytes(100, batch.bytes)
        return out.bytes
    }

    func field(_ key: UInt8, _ content: [UInt8]) -> [UInt8] {
        var writer = WireWriter()
        writer.writeVarint(UInt64(content.count))
        return [key] + writer.bytes + content
    }

    func string(_ key: UInt8, _ text: String) -> [UInt8] { field(key, Array(text.utf8)) }

    @Test func unusualLayoutsAnswerAsTheUsualOne() async throws {
        let handler = InPlaceValuesTests.app().requestReplyHandler()
        let caller = string(0x0A, "test") + string(0x12, "caller") + string(0x1A, "c1")
        let argument = string(0x0A, "io.statefun.types/string") + [0x10, 0x01] + field(0x1A, string(0x0A, "reply"))
        let usual = field(0x0A, caller) + field(0x12, argument)
        let expected = try await handler.handle(request(invocations: [usual]))
        #expect(!expected.isEmpty)

        let reversedCaller = string(0x1A, "c1") + string(0x12, "caller") + string(0x0A, "test")
        let layouts: [String: [UInt8]] = [
            "fields in reverse order": field(0x12, argument) + field(0x0A, caller),
            "address fields in reverse order": field(0x0A, reversedCaller) + field(0x12, argument),
            "an unknown field": field(0x0A, caller) + [0x28, 0x07] + field(0x12, argument),
            "a repeated caller (the last one counts)": field(0x0A, string(0x1A, "other")) + field(0x0A, caller)
                + field(0x12, argument),
            "has_value as a longer varint": field(0x0A, caller)
                + field(0x12, string(0x0A, "io.statefun.types/string") + [0x10, 0x81, 0x00] + field(0x1A, string(0x0A, "reply"))),
            "a two-byte length": field(0x0A, caller) + [0x12, 0x80 | UInt8(argument.count), 0x00] + argument,
        ]
        for (name, invocation) in layouts {
            #expect(try await handler.handle(request(invocations: [invocation])) == expected, "\(name)")
        }
    }

    @Test func malformedInvocationsFailTheWholeBatchWhateverTheLayout() async throws {
        let handler = InPlaceValuesTests.app().requestReplyHandler()
        let argument = string(0x0A, "io.statefun.types/string") + [0x10, 0x01] + field(0x1A, string(0x0A, "inc"))
        let badUTF8 = field(0x0A, field(0x1A, [0xC3, 0x28])) + field(0x12, argument)
        let cutShort = Array((field(0x0A, string(0x1A, "c1")) + field(0x12, argument)).dropLast(2))
        for invocation in [badUTF8, cutShort] {
            await #expect(throws: StateFunError.self) {
                _ = try await handler.handle(request(invocations: [field(0x12, argument), invocation]))
            }
        }
    }
}
