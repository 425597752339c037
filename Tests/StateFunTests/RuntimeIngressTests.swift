import StateFun
import Testing

@Suite("Local runtime: ingress routing and injected messages")
struct RuntimeIngressTests {
    static let seen = ValueSpec<Int32>("seen")

    /// Greets by name; counts greetings per id; writes "Hello <name>! seen=<n>" to the Kafka egress.
    static func greeter(_ type: TypeName, greets: KafkaEgress) -> Function<some FunctionBody> {
        Function(type) {
            seen
            Handle(String.self) { context, name in
                let count = (try context.storage.get(seen) ?? 0) + 1
                try context.storage.set(seen, count)
                try context.send(
                    greets.record(topic: "greetings", key: context.address.id, value: .string("\(type): Hello \(name)! seen=\(count)")))
            }
        }
    }

    static let greets = KafkaEgress(id: "example/greets", address: "kafka:9092")

    static let app = App {
        greets
        greeter("example/greeter", greets: greets)
        greeter("example/shouter", greets: greets)
        KafkaIngress(id: "example/names", address: "kafka:9092") {
            KafkaTopic("names", valueType: String.self, targets: "example/greeter", "example/shouter")
            KafkaTopic("raw-names", valueType: "example/RawName", targets: "example/greeter")
        }
    }

    @Test func routesARecordToEveryTargetWithTheKeyAsId() async throws {
        let runtime = LocalRuntime(app: Self.app, clock: ManualClock())
        let delivered = try runtime.ingest(topic: "names", key: "ann", "Ann")
        #expect(delivered == [Address("example/greeter", id: "ann"), Address("example/shouter", id: "ann")])
        try runtime.ingest(topic: "names", key: "ann", "Ann")
        await runtime.runUntilIdle()

        let texts = runtime.egressRecords(topic: "greetings").compactMap(\.text)
        #expect(texts.filter { $0.hasPrefix("example/greeter") } == [
            "example/greeter: Hello Ann! seen=1", "example/greeter: Hello Ann! seen=2",
        ])
        #expect(texts.filter { $0.hasPrefix("example/shouter") } == [
            "example/shouter: Hello Ann! seen=1", "example/shouter: Hello Ann! seen=2",
        ])
        #expect(runtime.egressRecords.allSatisfy { $0.key == "ann" && $0.egress == "example/greets" })
    }

    @Test func forwardsTheBytesUnchangedWithTheDeclaredValueType() async throws {
        let received = EventLog()
        let app = App {
            Function("example/greeter") {
                Otherwise { context, message in
                    received.append("\(context.address.id) \(message.typeName) \(message.bytes ?? []) \(context.caller == nil)")
                }
            }
            KafkaIngress(id: "example/names", address: "kafka:9092") {
                KafkaTopic("raw-names", valueType: "example/RawName", targets: "example/greeter")
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        try runtime.ingest(topic: "raw-names", key: "k1", value: [1, 2, 3])
        await runtime.runUntilIdle()
        #expect(received.entries == ["k1 example/RawName [1, 2, 3] true"])
    }

    @Test func refusesRecordsThatCannotBeRouted() throws {
        let runtime = LocalRuntime(app: Self.app, clock: ManualClock())
        #expect(throws: RuntimeError.noIngressRoute(topic: "nothing")) {
            try runtime.ingest(topic: "nothing", key: "a", value: [])
        }
        #expect(throws: RuntimeError.self) { try runtime.ingest(topic: "names", key: "", "Ann") }
        #expect(
            throws: RuntimeError.ingressTypeMismatch(
                topic: "names", declared: "io.statefun.types/string", given: "io.statefun.types/int")
        ) {
            try runtime.ingest(topic: "names", key: "a", Int32(1))
        }
        #expect(runtime.egressRecords.isEmpty)
    }

    @Test func aKinesisStreamIsIngestedLikeATopic() async throws {
        let received = EventLog()
        let app = App {
            Function("example/sink") {
                Handle(String.self) { context, text in received.append("\(context.address.id):\(text)") }
            }
            KinesisIngress(id: "example/stream-in") {
                KinesisStream("events", valueType: String.self, targets: "example/sink")
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        try runtime.ingest(topic: "events", key: "shard-key", "payload")
        await runtime.runUntilIdle()
        #expect(received.entries == ["shard-key:payload"])
    }

    @Test func injectsAMessageWithAnyTypenameLikeThePlaygroundIngress() async throws {
        let received = EventLog()
        let app = App {
            Function("example/sink") {
                Otherwise { context, message in
                    received.append("\(context.address) \(message.typeName) \(String(decoding: message.bytes ?? [], as: UTF8.self))")
                }
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        try runtime.send(
            Message(typeName: "example/Json", bytes: Array(#"{"a":1}"#.utf8)), to: Address("example/sink", id: "x"))
        await runtime.runUntilIdle()
        #expect(received.entries == [#"example/sink/x example/Json {"a":1}"#])
    }
}
