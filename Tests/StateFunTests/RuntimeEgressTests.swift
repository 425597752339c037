import StateFun
import Synchronization
import Testing
import StateFunProtocol

@Suite("Local runtime: egress records")
struct RuntimeEgressTests {
    static let kafka = KafkaEgress(id: "example/kafka", address: "kafka:9092")
    static let kinesis = KinesisEgress(id: "example/kinesis")

    static let app = App {
        kafka
        kinesis
        Function("example/writer") {
            Handle(String.self) { context, command in
                switch command {
                case "kafka":
                    try context.send(kafka.record(topic: "greetings", key: "ann", value: "visits=1"))
                    try context.send(kafka.record(topic: "ints", value: 7))
                case "kinesis":
                    try context.send(
                        kinesis.record(stream: "stream-1", partitionKey: "ann", explicitHashKey: "1234", value: .bytes([0, 1])))
                case "typed-to-kafka":
                    try context.send(Egress(id: kafka.id).record("not a record"))
                default:
                    try context.send(Egress(id: "example/undeclared").record(command))
                }
            }
        }
    }

    static let writer = Address("example/writer", id: "w")

    @Test func decodesKafkaRecords() async throws {
        let runtime = LocalRuntime(app: Self.app, clock: ManualClock())
        try runtime.send("kafka", to: Self.writer)
        await runtime.runUntilIdle()
        #expect(
            runtime.egressRecords.map(\.payload) == [
                .kafka(topic: "greetings", key: "ann", value: Array("visits=1".utf8)),
                .kafka(topic: "ints", key: nil, value: [0, 0, 0, 7]),
            ])
        #expect(runtime.egressRecords(topic: "greetings").map(\.text) == ["visits=1"])
        #expect(runtime.egressRecords.allSatisfy { $0.source == Self.writer && $0.egress == "example/kafka" })
    }

    @Test func decodesKinesisRecords() async throws {
        let runtime = LocalRuntime(app: Self.app, clock: ManualClock())
        try runtime.send("kinesis", to: Self.writer)
        await runtime.runUntilIdle()
        #expect(
            runtime.egressRecords(egress: "example/kinesis").map(\.payload) == [
                .kinesis(stream: "stream-1", partitionKey: "ann", explicitHashKey: "1234", value: [0, 1])
            ])
        #expect(runtime.egressRecords(topic: "stream-1").count == 1)
    }

    @Test func aKafkaEgressTakesOnlyKafkaRecordsAndUndeclaredEgressesAreRejected() async throws {
        let runtime = LocalRuntime(app: Self.app, clock: ManualClock())
        try runtime.send("typed-to-kafka", to: Self.writer)
        try runtime.send("other", to: Self.writer)
        await runtime.runUntilIdle()
        let errors = runtime.failures.map(\.error)
        #expect(errors.count == 2)
        guard case .invalidEgressRecord(egress: "example/kafka", _) = errors.first else {
            Issue.record("unexpected \(errors)")
            return
        }
        #expect(errors.last == .undeclaredEgress("example/undeclared"))
        #expect(runtime.egressRecords.isEmpty)
    }

    @Test func anAppThatDeclaresNoEgressGetsTypedValuesCaptured() async throws {
        let app = App {
            Function("example/writer") {
                Handle(String.self) { context, text in try context.send(Egress(id: "example/greets").record(text)) }
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        let streamed = runtime.egressStream()
        let seen = Mutex<[String]>([])
        runtime.onEgress { record in seen.withLock { $0.append(record.text ?? "?") } }
        try runtime.send("hi", to: Address("example/writer", id: "1"))
        await runtime.runUntilIdle()
        let record = try #require(runtime.egressRecords.first)
        #expect(record.payload == .value(try Message("hi")))
        #expect(record.text == "hi")
        #expect(try record.value(as: String.self) == "hi")
        #expect(seen.withLock { $0 } == ["hi"])
        runtime.shutDown()
        var fromStream: [String?] = []
        for await record in streamed { fromStream.append(record.text) }
        #expect(fromStream == ["hi"])
    }

    @Test func keepsTheNewestRecordsUpToTheConfiguredLimit() async throws {
        let app = App {
            Function("example/writer") {
                Handle(String.self) { context, text in try context.send(Egress(id: "example/greets").record(text)) }
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock(), configuration: .init(maxCapturedEgressRecords: 2))
        let all = Mutex(0)
        runtime.onEgress { _ in all.withLock { $0 += 1 } }
        for text in ["a", "b", "c"] { try await runtime.sendAndWaitForTest(text, to: Address("example/writer", id: "1")) }
        #expect(runtime.egressRecords.map(\.text) == ["b", "c"])
        #expect(all.withLock { $0 } == 3)
    }

    @Test func readsPlaygroundEgressRecordsByTopic() async throws {
        let app = App {
            Function("example/writer") {
                Handle(String.self) { context, text in
                    try context.send(
                        Egress(id: "io.statefun.playground/egress").record(PlaygroundRecord(topic: "out", payload: text)))
                }
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        try runtime.send("hello", to: Address("example/writer", id: "1"))
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords(topic: "out").map(\.text) == ["hello"])
    }
}

struct PlaygroundRecord: JSONType {
    static let typeName: TypeName = "io.statefun.playground/EgressRecord"
    var topic: String
    var payload: String
}

extension LocalRuntime {
    /// Sends and runs until idle (the testing library has `sendAndWait`; these suites use the runtime alone).
    func sendAndWaitForTest(_ value: some StateFunType, to target: Address) async throws {
        try send(value, to: target)
        await runUntilIdle()
    }
}
