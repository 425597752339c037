import StateFun
import Testing
import StateFunWire
import StateFunProtocol

/// The per-batch semantics of the request handler (protocol.md §4), checked on encoded requests.
@Suite struct RequestReplySemanticsTests {
    static let counter = ValueSpec<Int32>("counter")
    static let note = ValueSpec<String>("note", expireAfterWrite: .seconds(2))
    static let ttl = ValueSpec<Int64>("ttl", expireAfterCall: .milliseconds(1500))
    static let target = Address("test/fn", id: "a")

    /// A function that touches state according to the message it gets.
    static func app() -> App {
        App {
            Function("test/fn") {
                counter
                note
                ttl
                Handle(String.self) { context, command in
                    switch command {
                    case "inc": try context.storage.update(counter) { $0 = ($0 ?? 0) + 1 }
                    case "read-note": try context.send(try context.storage.get(note) ?? "<none>", to: Address("test/sink", id: "1"))
                    case "del-note": try context.storage.delete(note)
                    case "set-note": try context.storage.set(note, "written")
                    case "fail": throw StateFunError.invalidArgument("asked to fail")
                    case "reply": try context.reply("pong")
                    default: break
                    }
                }
                Handle(Int32.self) { context, n in try context.send(Egress(id: "test/out").record(n)) }
            }
        }
    }

    let handler = RequestReplySemanticsTests.app().requestReplyHandler()

    func allStates(counter: Int32? = 0, note: String? = nil) -> [(String, TypedValue?)] {
        [
            ("counter", counter.map(Requests.typed) ?? Requests.empty(Int32.self)),
            ("note", note.map(Requests.typed) ?? Requests.empty(String.self)),
            ("ttl", nil),
        ]
    }

    @Test func missingSpecsAreListedInDeclarationOrderAndNoHandlerRuns() async throws {
        let request = Requests.v3(Self.target, states: [("note", nil)], [(nil, Requests.typed("inc"))])
        let context = try Requests.incomplete(try await handler.handle(request))
        #expect(context.missingValues.map(\.stateName) == ["counter", "ttl"])
        #expect(context.missingValues[0].typeTypename == "io.statefun.types/int")
        #expect(context.missingValues[0].expirationSpec == .init(), "no expiration is an empty ExpirationSpec")
        #expect(context.missingValues[1].expirationSpec == .init(mode: .afterInvoke, expireAfterMillis: 1500))
        let all = try Requests.incomplete(try await handler.handle(Requests.v3(Self.target, [(nil, Requests.typed("inc"))])))
        #expect(all.missingValues.map(\.stateName) == ["counter", "note", "ttl"])
        #expect(all.missingValues[1].expirationSpec == .init(mode: .afterWrite, expireAfterMillis: 2000))
    }

    @Test func onlyWrittenStatesComeBackAsMutations() async throws {
        let result = try Requests.result(
            try await handler.handle(Requests.v3(Self.target, states: allStates(counter: 41), [(nil, Requests.typed("inc"))])))
        #expect(result.stateMutations.count == 1)
        #expect(result.stateMutations[0].stateName == "counter")
        #expect(result.stateMutations[0].mutationType == 1)
        #expect(result.stateMutations[0].stateValue == Requests.typed(Int32(42)))
        let none = try Requests.result(
            try await handler.handle(Requests.v3(Self.target, states: allStates(), [(nil, Requests.typed("read-note"))])))
        #expect(none.stateMutations.isEmpty)
    }

    @Test func invocationsOfABatchSeeEachOthersWritesAndMutationsFollowSpecOrder() async throws {
        let request = Requests.v3(
            Self.target, states: allStates(counter: 1, note: "old"),
            [(nil, Requests.typed("set-note")), (nil, Requests.typed("inc")), (nil, Requests.typed("inc")),
                (nil, Requests.typed("read-note"))])
        let result = try Requests.result(try await handler.handle(request))
        #expect(result.stateMutations.map(\.stateName) == ["counter", "note"])
        #expect(result.stateMutations[0].stateValue == Requests.typed(Int32(3)))
        #expect(result.outgoingMessages.map(\.argument) == [Requests.typed("written")])
    }

    @Test func aDeleteCarriesOnlyTheStateName() async throws {
        let result = try Requests.result(
            try await handler.handle(Requests.v3(Self.target, states: allStates(note: "x"), [(nil, Requests.typed("del-note"))])))
        #expect(result.stateMutations == [.init(mutationType: .delete, stateName: "note")])
        var writer = WireWriter()
        result.stateMutations[0].encode(to: &writer)
        #expect(writer.bytes == [0x12, 0x04] + Array("note".utf8))
    }

    @Test func aValueSentWithoutHasValueReadsAsAbsent() async throws {
        var states = allStates()
        states[1] = ("note", TypedValue(typename: "io.statefun.types/string", hasValue: false, value: [0x0A, 0x01, 0x78]))
        let result = try Requests.result(
            try await handler.handle(Requests.v3(Self.target, states: states, [(nil, Requests.typed("read-note"))])))
        #expect(result.outgoingMessages.map(\.argument) == [Requests.typed("<none>")])
    }

    @Test func aStateOfAnotherTypeFailsNamingFunctionStateAndBothTypes() async throws {
        var states = allStates()
        states[1] = ("note", Requests.typed(Int64(5)))
        do {
            _ = try await handler.handle(Requests.v3(Self.target, states: states, [(nil, Requests.typed("read-note"))]))
            Issue.record("a mismatched state type was accepted")
        } catch {
            let text = error.description
            for part in ["test/fn", "note", "io.statefun.types/long", "io.statefun.types/string"] {
                #expect(text.contains(part), "\(text) should name \(part)")
            }
        }
    }

    @Test func statesTheFunctionDoesNotDeclareAreIgnored() async throws {
        let states = allStates() + [("surplus", Requests.typed("whatever"))]
        let result = try Requests.result(
            try await handler.handle(Requests.v3(Self.target, states: states, [(nil, Requests.typed("inc"))])))
        #expect(result.stateMutations.map(\.stateName) == ["counter"])
    }

    @Test func aThrowingHandlerFailsTheWholeBatchWithNoPartialEffects() async throws {
        let request = Requests.v3(
            Self.target, states: allStates(), [(nil, Requests.typed("inc")), (nil, Requests.typed("fail"))])
        await #expect(throws: StateFunError.handlerFailed(function: "test/fn", id: "a", underlying: StateFunError.invalidArgument("asked to fail"))) {
            try await handler.handle(request)
        }
    }

    @Test func callerIsNilForIngressMessagesAndReplyThenFails() async throws {
        let fromIngress = Requests.v3(Self.target, states: allStates(), [(Address("", id: ""), Requests.typed("reply"))])
        await #expect(throws: StateFunError.self) { try await handler.handle(fromIngress) }
        let fromFunction = Requests.v3(
            Self.target, states: allStates(), [(Address("test/caller", id: "c"), Requests.typed("reply"))])
        let result = try Requests.result(try await handler.handle(fromFunction))
        #expect(result.outgoingMessages == [.init(target: Address("test/caller", id: "c"), argument: Requests.typed("pong"))])
    }

    @Test func messagesDispatchByTypeAndUnhandledTypesFailNamingTheType() async throws {
        let ints = try Requests.result(
            try await handler.handle(Requests.v3(Self.target, states: allStates(), [(nil, Requests.typed(Int32(7)))])))
        #expect(ints.outgoingEgresses == [.init(egressNamespace: "test", egressType: "out", argument: Requests.typed(Int32(7)))])
        await #expect(throws: StateFunError.handlerFailed(
            function: "test/fn", id: "a",
            underlying: StateFunError.unhandledMessage(function: "test/fn", typeName: "io.statefun.types/bool"))
        ) {
            try await handler.handle(Requests.v3(Self.target, states: allStates(), [(nil, Requests.typed(true))]))
        }
    }

    @Test func aTargetWhoseTypenameEqualsTheDeclaredOneAsTextButNotAsBytesStillFindsItsFunction() async throws {
        // The handler first compares the target's bytes with the declared typenames; "café" declared precomposed
        // and sent decomposed are equal Swift strings with other bytes, so it must fall back to comparing strings.
        let app = App {
            Function("test/caf\u{E9}") {
                Otherwise { context, _ in try context.send(context.address.id, to: Address("test/sink", id: "1")) }
            }
        }
        let decomposed = Address(TypeName(namespace: "test", name: "cafe\u{301}"), id: "x")
        let answer = try await app.requestReplyHandler().handle(Requests.v3(decomposed, [(nil, Requests.typed("hi"))]))
        let result = try Requests.result(answer)
        #expect(result.outgoingMessages == [.init(target: Address("test/sink", id: "1"), argument: Requests.typed("x"))])
    }

    @Test func unknownFunctionsAndMalformedBodiesAreTypedErrors() async throws {
        await #expect(throws: StateFunError.unknownFunction("test/other")) {
            try await handler.handle(Requests.v3(Address("test/other", id: "x"), [(nil, Requests.typed("inc"))]))
        }
        await #expect(throws: StateFunError.self) { try await handler.handle([0xA2, 0x06, 0x05, 0x0A]) }
        await #expect(throws: StateFunError.malformedRequest("the ToFunction message has no invocation batch (field 100)")) {
            try await handler.handle([])
        }
    }

    @Test func aBatchWithoutEffectsAnswersAnEmptyBodyAsTheOfficialSDKsDo() async throws {
        let empty = try await handler.handle(Requests.v3(Self.target, states: allStates(), []))
        #expect(empty.isEmpty)
        let noEffects = try await handler.handle(
            Requests.v3(Self.target, states: allStates(), [(nil, Requests.typed("nothing"))]))
        #expect(noEffects.isEmpty)
        #expect(try FromFunctionV3(serialized: noEffects).response == nil)
    }

    @Test func aTargetWithAnEmptyIdFailsTheBatch() async throws {
        await #expect(throws: StateFunError.invalidAddress("the batch's target test/fn has an empty id")) {
            try await handler.handle(Requests.v3(Address("test/fn", id: ""), states: allStates(), [(nil, Requests.typed("inc"))]))
        }
    }
}
