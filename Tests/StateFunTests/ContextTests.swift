import StateFun
import Testing
import StateFunWire
import StateFunProtocol

/// Misuse of the context is an error that fails the batch, never a crash.
@Suite struct ContextTests {
    static func run(_ body: @escaping @Sendable (Context) throws -> Void) async throws -> FromFunctionV3.InvocationResponse {
        let app = App {
            Function("test/ctx") { Handle(String.self) { context, _ in try body(context) } }
        }
        let bytes = try await app.requestReplyHandler().handle(
            Requests.v3(Address("test/ctx", id: "me"), [(nil, Requests.typed("go"))]))
        return try Requests.result(bytes)
    }

    @Test func delayedMessagesCarryTheirTokenAndCancellationsOnlyTheirToken() async throws {
        let result = try await Self.run { context in
            try context.send("later", to: Address("test/x", id: "1"), after: .milliseconds(1500))
            try context.send("tok", to: Address("test/x", id: "1"), after: .seconds(90), cancellationToken: "t1")
            try context.cancelDelayedMessage("t")
        }
        #expect(result.delayedInvocations.count == 3)
        #expect(result.delayedInvocations[0].delayInMs == 1500)
        #expect(result.delayedInvocations[0].cancellationToken == "")
        #expect(result.delayedInvocations[1].cancellationToken == "t1")
        var writer = WireWriter()
        result.delayedInvocations[2].encode(to: &writer)
        #expect(writer.bytes == [0x50, 0x01, 0x5A, 0x01, 0x74], "protocol.md §1.5")
    }

    @Test(arguments: [
        "empty token", "negative delay", "empty id", "bad typename", "no caller", "empty topic", "undeclared state",
    ])
    func misuseFailsTheBatchWithAClearError(kind: String) async throws {
        let spec = ValueSpec<Int32>("nope")
        do {
            _ = try await Self.run { context in
                switch kind {
                case "empty token": try context.cancelDelayedMessage("")
                case "negative delay": try context.send("x", to: Address("a/b", id: "1"), after: .seconds(-1))
                case "empty id": try context.send("x", to: Address("a/b", id: ""))
                case "bad typename": try context.send("x", to: Address("nons", id: "1"))
                case "no caller": try context.reply("x")
                case "empty topic": try context.send(KafkaEgress(id: "a/k", address: "k:9092").record(topic: "", value: "v"))
                default: _ = try context.storage.get(spec)
                }
            }
            Issue.record("\(kind) was accepted")
        } catch let error as StateFunError {
            #expect(!error.description.isEmpty)
            if case .handlerFailed(let function, let id, _) = error {
                #expect(function == "test/ctx")
                #expect(id == "me")
            } else {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func egressRecordsAreTypedAsTheRuntimeExpects() async throws {
        let result = try await Self.run { context in
            try context.send(KafkaEgress(id: "a/kafka", address: "k:9092").record(topic: "t", key: "k", value: "v"))
            try context.send(KinesisEgress(id: "a/kinesis").record(stream: "s", partitionKey: "p", value: .bytes([1])))
        }
        #expect(result.outgoingEgresses[0].argument?.typename == "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord")
        let kafka = try KafkaProducerRecord(serialized: result.outgoingEgresses[0].argument?.value ?? [])
        #expect(kafka == KafkaProducerRecord(key: "k", valueBytes: Array("v".utf8), topic: "t"))
        let kinesis = try KinesisEgressRecord(serialized: result.outgoingEgresses[1].argument?.value ?? [])
        #expect(kinesis == KinesisEgressRecord(partitionKey: "p", valueBytes: [1], stream: "s"))
    }
}

extension ContextTests {
    @Test func anUndecodedMessageCanBeForwardedToAnEgressAsItIs() async throws {
        let result = try await Self.run { context in
            try context.send(Egress(id: "a/sink").record(Message(typeName: "example/Raw", bytes: [1, 2, 3])))
            #expect(throws: StateFunError.self) { try context.send(Egress(id: "bad").record(Message(typeName: "x/y", bytes: []))) }
        }
        #expect(result.outgoingEgresses == [
            .init(egressNamespace: "a", egressType: "sink",
                argument: TypedValue(typename: "example/Raw", hasValue: true, value: [1, 2, 3]))
        ])
    }
}

extension ContextTests {
    /// `audit.send(value, in:)` is `context.send(audit.record(value))` without the record: the same answer, byte
    /// for byte, on both protocols, for typed values and undecoded messages alike.
    @Test(arguments: [ProtocolVersion.v3, .v2])
    func sendingThroughTheHandleWritesWhatSendingItsRecordWrites(version: ProtocolVersion) async throws {
        let audit = Egress(id: "a/audit")
        let raw = Message(typeName: "example/Raw", bytes: [1, 2, 3])
        func answer(_ send: @escaping @Sendable (Context) throws -> Void) async throws -> [UInt8] {
            let app = App { Function("test/ctx") { Handle(String.self) { context, _ in try send(context) } } }
            let target = Address("test/ctx", id: "me")
            let request =
                version == .v3
                ? Requests.v3(target, [(nil, Requests.typed("go"))]) : Requests.v2Strings(target, [(nil, "go")])
            return try await app.requestReplyHandler(protocolVersion: version).handle(request)
        }
        let throughRecords = try await answer { context in
            try context.send(audit.record("one"))
            try context.send(audit.record(Int64(2)))
            try context.send(audit.record(raw))
        }
        let throughHandle = try await answer { context in
            try audit.send("one", in: context)
            try audit.send(Int64(2), in: context)
            try audit.send(raw, in: context)
        }
        #expect(throughHandle == throughRecords)
        #expect(throughHandle.count > 40, "three egress messages were written")
        // An invalid egress id fails the send the same way.
        _ = try await answer { context in
            #expect(throws: StateFunError.self) { try Egress(id: "bad").send("x", in: context) }
        }
    }
}
