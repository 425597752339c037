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

    /// An egress's header is the bytes the writer begins each of its records with, and the one-pass count takes
    /// only buffers whose every record is that egress's, with nothing after its header but the argument.
    @Test func recordsAllToOneEgressAreCountedInOnePassAndAnyOtherRecordDeclines() throws {
        let long = String(repeating: "n", count: 200)
        #expect(EffectTally.header(namespace: "a", type: "xy") == [0x0A, 1, 0x61, 0x12, 2, 0x78, 0x79])
        #expect(EffectTally.header(namespace: long, type: "x").prefix(3) == [0x0A, 0xC8, 0x01])
        #expect(EffectTally.header(namespace: "", type: "x") == [0x12, 1, 0x78])

        func count(_ header: [UInt8], _ write: (inout FromFunctionWriter) throws -> Void) rethrows -> Int? {
            var writer = FromFunctionWriter(.v3)
            try write(&writer)
            let buffer = FixedBuffer(count: header.count) { header[$0] }
            defer { buffer.release() }
            return EffectTally.egressRecords(&writer, allWith: buffer)
        }
        let ax = EffectTally.header(namespace: "a", type: "x")
        func egress(_ writer: inout FromFunctionWriter, _ namespace: String, _ type: String) throws {
            try writer.writeEgressMessage(namespace: namespace, type: type, typeName: "t/v") { $0.writeRaw([1]) }
        }
        #expect(count(ax) { _ in } == 0)
        #expect(try count(ax) { try egress(&$0, "a", "x"); try egress(&$0, "a", "x") } == 2)
        #expect(
            try count(ax) { writer in
                try writer.writeKafkaRecord(egressNamespace: "a", egressType: "x", topic: "t", key: "k") { $0.writeRaw([1]) }
                let marks = writer.beginEgressMessage(namespace: "a", type: "x", typeName: "t/v")
                writer.endEgressMessage(marks) { $0.writeRaw([2]) }
            } == 2)
        // Another egress, one whose name only begins like it, or the same egress written by someone else.
        #expect(try count(ax) { try egress(&$0, "a", "x"); try egress(&$0, "a", "y") } == nil)
        #expect(try count(ax) { try egress(&$0, "a", "xy") } == nil)
        #expect(try count(EffectTally.header(namespace: long, type: "x")) { try egress(&$0, long, "x") } == 1)
        #expect(
            count(ax) { writer in
                writer.egressMessages.writeMessage(4) { record in
                    record.writeString(1, "a")
                    record.writeString(2, "x")
                    record.writeString(3, "argument")
                    record.writeString(1, "b")  // the last namespace wins: b/x
                }
            } == nil)
    }

    /// A function that writes to whichever egress its message names: the metrics count each egress right as
    /// batches move from one egress to another, to several, and to none, and reading them between batches counts
    /// nothing twice.
    @Test func theMetricsFollowEachEgressAsBatchesMoveBetweenThem() async throws {
        let app = App {
            Function("test/switch") {
                Handle(String.self) { context, names in
                    for name in names.split(separator: ",") {
                        switch name {
                        case "audit": try context.send(Self.audit.record("r"))
                        case "out": try context.send(Self.out.record("r"))
                        case "kafka": try context.send(Self.kafka.record(topic: "t", key: "k", value: .string("v")))
                        default: try context.send("m", to: Address("test/other", id: String(name)))
                        }
                    }
                }
            }
        }
        let metrics = MetricsInstrumentation()
        let handler = RequestReplyHandler(app: app, instrumentation: metrics)
        func records() -> [String: Double] {
            var counts: [String: Double] = [:]
            for series in metrics.registry.family("statefun_egress_records_total")?.series ?? [] {
                if case .number(let value) = series.value, let egress = series.labels.first(where: { $0.name == "egress" }) {
                    counts[egress.value] = value
                }
            }
            return counts
        }
        let target = Address("test/switch", id: "1")
        func batch(_ messages: String...) async throws {
            _ = try await handler.handle(Requests.v3(target, messages.map { (nil, Requests.typed($0)) }))
        }
        try await batch("audit")
        try await batch("audit,audit", "audit")
        #expect(records() == ["test/audit": 4])
        #expect(records() == ["test/audit": 4])
        try await batch("out")
        try await batch("audit,out", "kafka")
        try await batch("someone")
        try await batch("audit")
        #expect(records() == ["test/audit": 6, "test/out": 2, "test/kafka": 1])
        try await batch("kafka,kafka")
        try await batch("audit", "audit")
        #expect(records() == ["test/audit": 8, "test/out": 2, "test/kafka": 3])
        let messages = metrics.registry.family("statefun_messages_sent_total")?.series.first?.value
        #expect(messages == .number(1))
    }

    /// Under a policy that skips a permanently failing invocation, that invocation's effects are taken back, and
    /// so are their counts: the metrics count what the answer carries.
    @Test(arguments: [ProtocolVersion.v3, .v2])
    func aSkippedInvocationsEffectsAreNotCounted(version: ProtocolVersion) async throws {
        let app = App {
            Function("test/skip") {
                OnFailure(.discard)
                Handle(String.self) { context, name in
                    try context.send(name, to: Address("test/other", id: "1"))
                    try context.send(Self.audit.record(name))
                    if name == "poison" { throw PermanentError("no") }
                }
            }
        }
        let metrics = MetricsInstrumentation()
        let handler = RequestReplyHandler(app: app, protocolVersion: version, instrumentation: metrics)
        let target = Address("test/skip", id: "1")
        let names = ["a", "poison", "b"]
        let request: [UInt8] =
            switch version {
            case .v3: Requests.v3(target, names.map { (nil, Requests.typed($0)) })
            case .v2: Requests.v2Strings(target, names.map { (nil, $0) })
            }
        _ = try await handler.handle(request)
        func value(_ name: String, _ labels: [String: String] = [:]) -> MetricFamily.Value? {
            metrics.registry.family(name)?.series(labels.merging(["function": "test/skip"]) { a, _ in a })?.value
        }
        #expect(value("statefun_messages_sent_total") == .number(2))
        #expect(value("statefun_egress_records_total", ["egress": "test/audit"]) == .number(2))
        #expect(value("statefun_skipped_invocations_total", ["policy": "discard"]) == .number(1))
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
