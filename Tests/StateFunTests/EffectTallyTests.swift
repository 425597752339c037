import StateFun
import StateFunProtocol
import StateFunWire
import Testing

/// The metrics count a batch's effects from the response writer's buffers (EffectTally), not from the answer:
/// every kind, per egress, whatever order the handlers write them in, and the same counts the app's own probes
/// receive as ``EffectCounts``.
@Suite struct EffectTallyTests {
    static let target = Address("test/mixed", id: "ann")
    static let audit = Egress(id: "test/audit")
    static let out = Egress(id: "test/out")
    static let kafka = KafkaEgress(id: "test/kafka", address: "kafka:9092")

    /// Per message: two messages, a delayed message, a cancellation (3.x), and egress records interleaved:
    /// audit, out, audit, then a Kafka record.
    static func app() -> App {
        App {
            Function("test/mixed") {
                Handle(String.self) { context, name in
                    try context.send(name, to: Address("test/other", id: "1"))
                    try context.send(name, to: Address("test/other", id: "2"))
                    try context.send(name, to: Address("test/other", id: "3"), after: .seconds(1))
                    if context.protocolVersion == .v3 { try context.cancelDelayedMessage("token-" + name) }
                    try context.send(audit.record("a " + name))
                    try context.send(out.record("o " + name))
                    try context.send(audit.record("b " + name))
                    try context.send(kafka.record(topic: "t", key: name, value: .string(name)))
                }
            }
        }
    }

    static func request(_ version: ProtocolVersion, _ names: [String]) -> [UInt8] {
        switch version {
        case .v3: Requests.v3(target, names.map { (nil, Requests.typed($0)) })
        case .v2: Requests.v2Strings(target, names.map { (nil, $0) })
        }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func everyKindOfEffectIsCountedPerEgressInTheMetricsAndForTheAppsProbes(version: ProtocolVersion) async throws {
        let metrics = MetricsInstrumentation()
        let recorder = RecordingInstrumentation()
        let handler = RequestReplyHandler(
            app: Self.app(), protocolVersion: version, instrumentation: InstrumentationGroup([metrics, recorder]))
        // Two batches: the second finds the egress series the first made.
        _ = try await handler.handle(Self.request(version, ["ann", "bob"]))
        _ = try await handler.handle(Self.request(version, ["cid"]))

        let cancellations = version == .v3 ? 1 : 0
        var expected = EffectCounts(messages: 4, delayedMessages: 2, cancellations: 2 * cancellations)
        for egress: TypeName in ["test/audit", "test/out", "test/audit", "test/kafka"] {
            expected.addEgressRecord(egress)
            expected.addEgressRecord(egress)
        }
        let outcomes = recorder.ends.map(\.1)
        try #require(outcomes.count == 2)
        #expect(outcomes[0].effects == expected, "\(outcomes[0].effects)")
        #expect(outcomes[1].effects.egressRecords.map(\.count) == [2, 1, 1])
        #expect(outcomes[1].effects.messages == 2 && outcomes[1].effects.delayedMessages == 1)

        func value(_ name: String, _ labels: [String: String] = [:]) -> MetricFamily.Value? {
            metrics.registry.family(name)?.series(labels.merging(["function": "test/mixed"]) { a, _ in a })?.value
        }
        #expect(value("statefun_batches_total", ["outcome": "success"]) == .number(2))
        #expect(value("statefun_invocations_total") == .number(3))
        #expect(value("statefun_messages_sent_total") == .number(6))
        #expect(value("statefun_delayed_messages_total") == .number(3))
        #expect(value("statefun_cancellations_total") == .number(Double(3 * cancellations)))
        #expect(value("statefun_egress_records_total", ["egress": "test/audit"]) == .number(6))
        #expect(value("statefun_egress_records_total", ["egress": "test/out"]) == .number(3))
        #expect(value("statefun_egress_records_total", ["egress": "test/kafka"]) == .number(3))
        #expect(metrics.registry.family("statefun_egress_records_total")?.series.count == 3)
    }

    /// Egress records laid out otherwise than the writer lays them out (type before namespace, a namespace given
    /// twice, a length over one byte) are still counted per egress, as their last values say.
    @Test func recordsInAnyFieldOrderAreCountedByTheirEgress() {
        var writer = FromFunctionWriter(.v3)
        let long = String(repeating: "n", count: 200)
        func record(_ fields: [(UInt32, String)]) {
            writer.egressMessages.writeMessage(4) { egress in
                for (number, text) in fields { egress.writeString(number, text) }
                egress.writeString(3, "argument")
            }
        }
        record([(1, "a"), (2, "x")])
        record([(2, "x"), (1, "a")])
        record([(1, "a"), (2, "x"), (1, "b")])  // the last namespace wins: b/x
        record([(1, long), (2, "x")])
        record([(1, "a"), (2, "x")])
        var counts: [(String, Int)] = []
        EffectTally.read(&writer) { tally, bytes in
            #expect(tally.messages == 0 && tally.delayedMessages == 0 && tally.cancellations == 0)
            counts = tally.egressCounts.map { (bytes.string($0.namespace) + "/" + bytes.string($0.type), $0.count) }
        }
        #expect(counts.map(\.0) == ["a/x", "b/x", long + "/x"])
        #expect(counts.map(\.1) == [3, 1, 1])
    }

    @Test func noEffectsCountNothing() {
        var writer = FromFunctionWriter(.v2)
        var read = false
        EffectTally.read(&writer) { tally, _ in
            read = true
            #expect(tally.messages == 0 && tally.egress == nil && tally.egressCounts.isEmpty)
        }
        #expect(read)
    }
}
