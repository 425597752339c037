import Foundation
import StateFun
import StateFunWire
import Testing
import StateFunProtocol

/// The request reader (StateFunProtocol's ``ReceivedBatch``, as the SDK adapts it: ``ReceivedInvocations``) and
/// the model (``ToFunctionV3``) must agree. The one-pass reader of the runtime's usual layout
/// (`ReceivedBatch+FastPath.swift`) reads only what the model reads the same; every other request is decoded as
/// the model, which then decides (errors included). Compared as values: target, states, each invocation's caller
/// and message.
@Suite struct ReceivedBatchLayoutTests {
    /// What a request says, as the handler uses it.
    struct Reading: Equatable, CustomStringConvertible {
        var target: Address?
        var states: [ReceivedBatch.State] = []
        var invocations: [Invocation] = []

        struct Invocation: Equatable {
            var caller: Address?
            var message: Message
        }

        var description: String { "target \(String(describing: target)), \(states.count) states, \(invocations)" }

        /// What the reader made of it.
        init(_ batch: ReceivedBatch) {
            var batch = ReceivedInvocations(batch)
            target = batch.target
            states = batch.batch.states
            for i in 0..<batch.batch.invocations.count {
                var caller: Address?
                batch.caller(i, into: &caller)
                invocations.append(Invocation(caller: caller, message: batch.message(i)))
            }
        }

        /// What the model says, by the protocol's rules (protocol.md §4): a state without `has_value` has no value,
        /// an all-empty caller is no caller, an absent argument is an empty typename without a value.
        init(_ request: ToFunctionV3.InvocationBatchRequest) {
            target = request.target
            states = request.state.map { state in
                let value = state.stateValue.flatMap {
                    $0.hasValue ? ReceivedBatch.Value(typeName: $0.typename, bytes: $0.value[...]) : nil
                }
                return ReceivedBatch.State(name: state.stateName, value: value)
            }
            invocations = request.invocations.map { invocation in
                let argument = invocation.argument ?? TypedValue()
                return Invocation(
                    caller: invocation.caller.flatMap { $0.isEmpty ? nil : $0 },
                    message: Message(
                        typeName: argument.typename, payload: argument.hasValue ? argument.value[...] : nil,
                        metadata: argument.metadata.map { MetadataEntry(key: $0.key, value: $0.hasValue ? $0.value : nil) }))
            }
        }
    }

    /// Reads `body` with the reader and as the model; returns whether the one-pass reader took it.
    @discardableResult
    func expectSameReading(_ body: [UInt8], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        -> Bool
    {
        let usual = ReceivedBatch(usualLayout: body)
        let model = Result { () throws(WireError) in try ToFunctionV3(serialized: body) }
        let read = Result { () throws(ReceivedBatch.Failure) in try ReceivedBatch(body) }
        switch (model, read) {
        case (.success(let model), .success(let batch)):
            #expect(batch.present == (model.invocation != nil), comment, sourceLocation: sourceLocation)
            if let request = model.invocation {
                let expected = Reading(request)
                #expect(Reading(batch) == expected, comment, sourceLocation: sourceLocation)
                if let usual { #expect(Reading(usual) == expected, comment, sourceLocation: sourceLocation) }
            } else {
                #expect(usual == nil, "the one-pass reader took a request without a batch", sourceLocation: sourceLocation)
            }
        case (.failure(let a), .failure(let b)):
            #expect(usual == nil, "the one-pass reader accepted what the model rejects", sourceLocation: sourceLocation)
            #expect(ReceivedBatch.Failure.malformed(a) == b, comment, sourceLocation: sourceLocation)
        default:
            Issue.record("the model and the reader disagree on failing (\(comment?.description ?? ""))", sourceLocation: sourceLocation)
        }
        return usual != nil
    }

    static let target = string(0x0A, "test") + string(0x12, "fn") + string(0x1A, "a")
    static let argument = string(0x0A, "io.statefun.types/string") + [0x10, 0x01] + field([0x1A], string(0x0A, "hi"))
    static let caller = string(0x0A, "test") + string(0x12, "caller") + string(0x1A, "c1")
    /// The argument with the maintained fork's `metadata = 4` entries: one with a value, one null.
    static let argumentWithMetadata = argument
        + field([0x22], string(0x0A, "traceparent") + string(0x12, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") + [0x18, 0x01])
        + field([0x22], string(0x0A, "null"))
    static let state = string(0x0A, "counter")
        + field([0x12], string(0x0A, "io.statefun.types/int") + [0x10, 0x01] + field([0x1A], [0x2A, 0, 0, 0]))

    /// `ToFunction{invocation = 100{…}}` around `batch`.
    static func request(_ batch: [UInt8]) -> [UInt8] { field([0xA2, 0x06], batch) }

    static func usualBatch(invocations: Int = 3) -> [UInt8] {
        var batch = field([0x0A], target) + field([0x12], state)
        for i in 0..<invocations {
            batch += field([0x1A], (i % 2 == 0 ? field([0x0A], caller) : []) + field([0x12], argument))
        }
        return batch
    }

    @Test func everyVectorTheRuntimeWouldSendIsReadInOnePassAndAgrees() throws {
        var names = ConformanceVectorTests.vectors(.v3).map { ("Fixtures/vectors/v3/", $0) }
        names += ConformanceVectorTests.differential(.v3).map { ("Fixtures/differential/v3/", $0) }
        #expect(names.count > 20)
        var usual = 0
        for (folder, name) in names {
            let url = try #require(Bundle.module.url(forResource: folder + name, withExtension: "request.bin"))
            if expectSameReading(Array(try Data(contentsOf: url)), "\(name)") { usual += 1 }
        }
        // Python's protobuf writes the layout protobuf-java does: all of them take the one-pass reader.
        #expect(usual == names.count)
    }

    @Test func requestsBuiltAsTheRuntimeDoesAreReadInOnePass() {
        #expect(expectSameReading(Self.request(Self.usualBatch())))
        // Long enough for two- and three-byte lengths.
        let long = String(repeating: "x", count: 20_000)
        let big = field([0x1A], field([0x12], string(0x0A, "io.statefun.types/string") + [0x10, 0x01]
            + field([0x1A], string(0x0A, long))))
        #expect(expectSameReading(Self.request(Self.usualBatch() + big)))
        // Absent parts: no target, no state, no caller, no argument, an all-empty caller, has_value left out.
        #expect(expectSameReading(Self.request(field([0x1A], []))))
        #expect(expectSameReading(Self.request(field([0x1A], field([0x0A], [])))))
        #expect(expectSameReading(Self.request(field([0x12], string(0x0A, "s")) + field([0x12], string(0x0A, "t")
            + field([0x12], string(0x0A, "io.statefun.types/int"))))))
        #expect(expectSameReading(Self.request([])))
        // The fork's metadata after the value, on an argument and on a state value.
        #expect(expectSameReading(Self.request(field([0x1A], field([0x12], Self.argumentWithMetadata)))))
        #expect(expectSameReading(Self.request(field([0x12], string(0x0A, "s") + field([0x12], Self.argumentWithMetadata)))))
        // Callers of one type in a row share their typename; others, an all-empty caller and no caller between
        // them don't.
        let other = string(0x0A, "test") + string(0x12, "other") + string(0x1A, "c1")
        let idOnly = string(0x1A, "c2")
        var mixed = field([0x0A], Self.target)
        for caller in [Self.caller, Self.caller, other, [], Self.caller, idOnly, Self.caller, Self.caller] {
            mixed += field([0x1A], field([0x0A], caller) + field([0x12], Self.argument))
            mixed += field([0x1A], field([0x12], Self.argument))
        }
        #expect(expectSameReading(Self.request(mixed)))
        // has_value written although false (proto3 leaves it out, but it reads the same).
        #expect(expectSameReading(Self.request(field([0x1A], field([0x12], string(0x0A, "io.statefun.types/string") + [0x10, 0x00])))))
    }

    @Test func otherLayoutsAreDecodedAsTheModel() {
        let batch = Self.usualBatch()
        let layouts: [String: [UInt8]] = [
            "a state after the invocations": batch + field([0x12], Self.state),
            "the target last": field([0x12], Self.state) + field([0x1A], field([0x12], Self.argument)) + field([0x0A], Self.target),
            "an unknown field in the batch": batch + [0x28, 0x01],
            "a padded length": [0x1A, 0x80 | UInt8(Self.argument.count + 2), 0x00, 0x12, UInt8(Self.argument.count)] + Self.argument,
            "a state value with has_value 2": field([0x12], string(0x0A, "counter")
                + field([0x12], string(0x0A, "io.statefun.types/int") + [0x10, 0x02])),
            "a metadata entry's fields out of order": field([0x1A], field([0x12], Self.argument
                + field([0x22], [0x18, 0x01] + string(0x0A, "k")))),
            "a metadata entry with an unknown field": field([0x1A], field([0x12], Self.argument
                + field([0x22], string(0x0A, "k") + [0x28, 0x01]))),
            "metadata before the value": field([0x1A], field([0x12], string(0x0A, "t") + field([0x22], string(0x0A, "k"))
                + [0x10, 0x01] + field([0x1A], [1]))),
        ]
        for (name, batch) in layouts {
            #expect(!expectSameReading(Self.request(batch), "\(name)"), "\(name)")
        }
        // Outside the batch: an unknown field, two batches (the last counts), a padded key, bad UTF-8.
        #expect(!expectSameReading([0x08, 0x01] + Self.request(batch)))
        #expect(!expectSameReading(Self.request(field([0x0A], Self.target)) + Self.request(batch)))
        #expect(!expectSameReading(field([0xA2, 0x86, 0x00], batch)))
        #expect(!expectSameReading(Self.request(field([0x1A], field([0x0A], field([0x0A], [0xC3, 0x28])))), "bad UTF-8"))
    }

    @Test func mutatedRequestsAgreeWhicheverReaderTakesThem() throws {
        var rng = RequestMutationTests.SplitMix(state: 11)
        var seeds = [
            Self.request(Self.usualBatch(invocations: 5)),
            Self.request(Self.usualBatch() + field([0x1A], field([0x12], Self.argumentWithMetadata))),
        ]
        for name in ConformanceVectorTests.vectors(.v3) { seeds.append(try ConformanceVectorTests.load(.v3, name, "request.bin")) }
        var usual = 0
        var total = 0
        for seed in seeds {
            for _ in 0..<600 {
                if expectSameReading(RequestMutationTests.mutate(seed, &rng)) { usual += 1 }
                total += 1
            }
        }
        // Both readers are exercised: many mutations keep the layout (a changed byte in a string, say).
        #expect(usual > total / 20 && usual < total, "\(usual) of \(total) read in one pass")
    }
}

/// A length-delimited field: `key` (its varint bytes), the content's length, the content.
private func field(_ key: [UInt8], _ content: [UInt8]) -> [UInt8] {
    var writer = WireWriter()
    writer.writeVarint(UInt64(content.count))
    return key + writer.bytes + content
}

private func string(_ key: UInt8, _ text: String) -> [UInt8] { field([key], Array(text.utf8)) }
