import StateFun
import Testing
import StateFunProtocol

@Suite("Local runtime: the 2.x protocol")
struct RuntimeProtocolV2Tests {
    static let seen = ValueSpec<Int32>("seen", expireAfterWrite: .seconds(30))
    static let kafka = KafkaEgress(id: "example/kafka", address: "kafka:9092")

    static let app = App {
        kafka
        Function("example/greeter") {
            seen
            Handle(String.self) { context, name in
                let count = (try context.storage.get(seen) ?? 0) + 1
                try context.storage.set(seen, count)
                try context.send(kafka.record(topic: "greetings", key: name, value: .string("Hello \(name)! seen=\(count)")))
                if count == 1 { try context.send("again", to: context.address, after: .seconds(5)) }
            }
        }
    }

    @Test func sendsTheDeclaredStatesWithEveryCallWithoutAHandshake() async throws {
        let transport = RecordingTransport(InProcessTransport(app: Self.app, protocolVersion: .v2))
        let runtime = LocalRuntime(app: Self.app, protocolVersion: .v2, clock: ManualClock(), transport: transport)
        let ann = Address("example/greeter", id: "ann")
        try runtime.send("ann", to: ann)
        await runtime.advance(by: .seconds(5))

        #expect(transport.batchSizes(for: ann) == [1, 1])
        let batches = try transport.records.map { try #require(ToFunctionV2(serialized: $0.body).invocation) }
        #expect(batches[0].state == [.init(stateName: "seen", stateValue: nil)])
        let stored = try #require(batches[1].state.first?.stateValue?.bytes)
        let any = try AnyValue(serialized: stored)
        #expect(any.typeURL == "type.googleapis.com/google.protobuf.Int32Value")
        #expect(runtime.egressTexts() == ["Hello ann! seen=1", "Hello again! seen=2"])
        #expect(runtime.state(of: ann)["seen"]?.typeName == "type.googleapis.com/google.protobuf.Int32Value")
        #expect(try runtime.state(Self.seen, of: ann) == 2)
        #expect(runtime.failures.isEmpty)

        await runtime.advance(by: .seconds(30))
        #expect(try runtime.state(Self.seen, of: ann) == nil, "expired 30 s after the last write")
    }

    @Test func takesARemoteFunctionsStatesFromItsEndpoint() async throws {
        let transport = RecordingTransport(
            ScriptedTransport { _ throws(RuntimeError) in
                FromFunctionV2(
                    response: .invocationResult(
                        .init(stateMutations: [.init(mutationType: .modify, stateName: "b", stateValue: StateBytes([1, 2]))]))
                ).serialized()
            })
        let runtime = LocalRuntime(
            app: App {}, protocolVersion: .v2, clock: ManualClock(),
            remoteEndpoints: [
                FunctionEndpoint(
                    functions: "remote/f", urlPathTemplate: "http://127.0.0.1:1/{function.name}",
                    states: [.init("a"), .init("b", expiration: .afterCall(.seconds(1)))])
            ],
            transport: transport)
        let address = Address("remote/f", id: "1")
        try runtime.send(Message(typeName: "type.googleapis.com/x.Y", bytes: [7]), to: address)
        await runtime.runUntilIdle()
        let batch = try #require(transport.records.first.flatMap { try ToFunctionV2(serialized: $0.body).invocation })
        #expect(batch.state.map(\.stateName) == ["a", "b"])
        #expect(batch.invocations.first?.argument == AnyValue(typeURL: "type.googleapis.com/x.Y", value: [7]))
        #expect(runtime.failures.isEmpty)
        #expect(runtime.state(of: address)["b"] == Message(typeName: "", bytes: [1, 2], protocolVersion: .v2))
    }
}

extension LocalRuntime {
    /// Every captured record's text.
    func egressTexts() -> [String?] { egressRecords.map(\.text) }
}
