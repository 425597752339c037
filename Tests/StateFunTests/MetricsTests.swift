import Synchronization
@testable import StateFun
import Testing

/// The metrics registry, its Prometheus exposition and the metrics instrumentation.
@Suite struct MetricsTests {
    @Test func theSameNameAndLabelsGiveTheSameCounter() {
        let registry = MetricsRegistry()
        let a = registry.counter("requests_total", help: "Requests.", labels: ["status": "200"])
        let b = registry.counter("requests_total", help: "Requests.", labels: ["status": "200"])
        let c = registry.counter("requests_total", help: "Requests.", labels: ["status": "500"])
        a.increment()
        b.increment(by: 2)
        c.increment()
        #expect(a === b && a.value == 3)
        #expect(registry.family("requests_total")?.series.count == 2)
    }

    @Test func aNameTakenByAnotherKindIsNotExposedTwice() {
        let registry = MetricsRegistry()
        registry.counter("x", help: "A counter.").increment()
        registry.gauge("x", help: "A gauge.").set(5)
        #expect(registry.snapshot().map(\.kind) == [.counter])
        #expect(registry.family("x")?.series.first?.value == .number(1))
    }

    @Test func invalidCharactersInNamesBecomeUnderscores() {
        #expect(MetricsRegistry.sanitized("a-b.c:d") == "a_b_c:d")
        #expect(MetricsRegistry.sanitized("9lives") == "_9lives")
        #expect(MetricsRegistry.sanitized("le:x", colon: false) == "le_x")
    }

    @Test func histogramsCountCumulativelyWithSumAndCount() {
        let histogram = MetricHistogram(buckets: [10, 1, 5])
        for value in [0.5, 1, 3, 7, 100, .nan] { histogram.observe(value) }
        #expect(
            histogram.value
                == .histogram(
                    buckets: [.init(upperBound: 1, count: 2), .init(upperBound: 5, count: 3), .init(upperBound: 10, count: 4)],
                    sum: 111.5, count: 5))
    }

    @Test func theExpositionIsPrometheusText004() {
        let registry = MetricsRegistry()
        registry.counter("hits_total", help: "Hits,\nby path.", labels: ["path": "/a\"b\\"]).increment(by: 3)
        registry.gauge("open", help: "Open things.").set(-2)
        let h = registry.histogram("size", help: "Sizes.", labels: ["f": "x"], buckets: [1, 2.5])
        h.observe(2)
        h.observe(0.25)
        #expect(
            registry.prometheusText() == """
                # HELP hits_total Hits,\\nby path.
                # TYPE hits_total counter
                hits_total{path="/a\\"b\\\\"} 3
                # HELP open Open things.
                # TYPE open gauge
                open -2
                # HELP size Sizes.
                # TYPE size histogram
                size_bucket{f="x",le="1"} 1
                size_bucket{f="x",le="2.5"} 2
                size_bucket{f="x",le="+Inf"} 2
                size_sum{f="x"} 2.25
                size_count{f="x"} 2

                """)
    }

    static let batch = BatchEvent(
        sequence: 1, function: "example/greeter", id: "ann", size: 3, protocolVersion: .v3, requestBytes: 300)

    @Test func batchesMoveTheFunctionsCounters() throws {
        let metrics = MetricsInstrumentation()
        let probe = metrics.probe(for: "example/greeter")
        probe.batchBegan(Self.batch)
        var effects = EffectCounts(messages: 2, delayedMessages: 1)
        effects.addEgressRecord("example/out")
        effects.addEgressRecord("example/out")
        let skipped = FailureReport(
            invocationIndex: 1, messageTypeName: "t/x", error: "e", kind: .permanent, action: .deadLetter(egress: "e/d"))
        probe.batchEnded(
            Self.batch,
            BatchOutcome(
                status: .success, duration: .milliseconds(3), skippedInvocations: [skipped], effects: effects,
                responseBytes: 90))
        probe.batchBegan(Self.batch)
        probe.batchEnded(
            Self.batch,
            BatchOutcome(
                status: .failure, duration: .milliseconds(1),
                failure: .init(invocationIndex: 0, messageTypeName: "t/x", error: "e", kind: .transient, action: .retry)))
        probe.batchBegan(Self.batch)  // still running

        let registry = metrics.registry
        func value(_ name: String, _ labels: [String: String] = [:]) -> MetricFamily.Value? {
            registry.family(name)?.series(labels.merging(["function": "example/greeter"]) { a, _ in a })?.value
        }
        #expect(value("statefun_batches_total", ["outcome": "success"]) == .number(1))
        #expect(value("statefun_batches_total", ["outcome": "failure"]) == .number(1))
        #expect(value("statefun_invocations_total") == .number(4))
        #expect(value("statefun_invocation_failures_total", ["kind": "permanent"]) == .number(1))
        #expect(value("statefun_invocation_failures_total", ["kind": "transient"]) == .number(1))
        #expect(value("statefun_skipped_invocations_total", ["policy": "dead_letter"]) == .number(1))
        #expect(value("statefun_messages_sent_total") == .number(2))
        #expect(value("statefun_delayed_messages_total") == .number(1))
        #expect(value("statefun_egress_records_total", ["egress": "example/out"]) == .number(2))
        #expect(value("statefun_inflight_batches") == .number(1))
        guard case .histogram(_, let sum, let count) = value("statefun_batch_duration_seconds") else {
            Issue.record("no duration histogram")
            return
        }
        #expect(count == 2 && abs(sum - 0.004) < 1e-9)
        #expect(registry.prometheusText().contains("statefun_batch_size_bucket{function=\"example/greeter\",le=\"4\"} 2\n"))
    }

    /// Observations on a bucket's bound count in that bucket (Prometheus `le`), one nanosecond, byte or
    /// invocation more in the next; sums are exact (durations are counted in nanoseconds).
    @Test func observationsOnABoundCountInThatBucketAndOneMoreInTheNext() {
        let metrics = MetricsInstrumentation()
        let probe = metrics.probe(for: "example/greeter")
        for (size, bytes, duration) in [(2, 64, Duration.microseconds(10)), (3, 65, .nanoseconds(10_001))] {
            let batch = BatchEvent(
                sequence: 1, function: "example/greeter", id: "ann", size: size, protocolVersion: .v3,
                requestBytes: bytes)
            probe.batchBegan(batch)
            probe.batchEnded(batch, BatchOutcome(status: .success, duration: duration, responseBytes: bytes))
        }
        func buckets(_ name: String) -> (buckets: [Double: UInt64], sum: Double, count: UInt64)? {
            let value = metrics.registry.family(name)?.series(["function": "example/greeter"])?.value
            guard case .histogram(let buckets, let sum, let count) = value else { return nil }
            return (Dictionary(uniqueKeysWithValues: buckets.map { ($0.upperBound, $0.count) }), sum, count)
        }
        let duration = buckets("statefun_batch_duration_seconds")
        #expect(duration?.buckets[0.000_01] == 1 && duration?.buckets[0.000_05] == 2 && duration?.count == 2)
        #expect(abs((duration?.sum ?? 0) - 0.000_020_001) < 1e-15)
        for name in ["statefun_request_bytes", "statefun_response_bytes"] {
            let bytes = buckets(name)
            #expect(bytes?.buckets[64] == 1 && bytes?.buckets[256] == 2 && bytes?.sum == 129, "\(name)")
        }
        let sizes = buckets("statefun_batch_size")
        #expect(sizes?.buckets[2] == 1 && sizes?.buckets[4] == 2 && sizes?.sum == 5)
    }

    /// Batches answered by many tasks at once (on the pool's threads, each counting in its stripe or the next
    /// free one) are each counted once, with every effect, and none is left in flight.
    @Test func concurrentBatchesAreEachCountedOnce() async throws {
        let out = Egress(id: "test/out")
        let app = App {
            Function("test/many") {
                Handle(String.self) { context, name in
                    try context.send(out.record(name))
                    try context.send(name, to: Address("test/other", id: name))
                }
            }
        }
        let metrics = MetricsInstrumentation()
        let handler = RequestReplyHandler(app: app, instrumentation: metrics)
        let request = Requests.v3(Address("test/many", id: "1"), [(nil, Requests.typed("a")), (nil, Requests.typed("b"))])
        let tasks = 8
        let batchesPerTask = 250
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    for _ in 0..<batchesPerTask { _ = try await handler.handle(request) }
                }
            }
            try await group.waitForAll()
        }
        let batches = Double(tasks * batchesPerTask)
        func value(_ name: String, _ labels: [String: String] = [:]) -> MetricFamily.Value? {
            metrics.registry.family(name)?.series(labels.merging(["function": "test/many"]) { a, _ in a })?.value
        }
        #expect(value("statefun_batches_total", ["outcome": "success"]) == .number(batches))
        #expect(value("statefun_invocations_total") == .number(2 * batches))
        #expect(value("statefun_messages_sent_total") == .number(2 * batches))
        #expect(value("statefun_egress_records_total", ["egress": "test/out"]) == .number(2 * batches))
        #expect(value("statefun_inflight_batches") == .number(0))
        guard case .histogram(let buckets, _, let count) = value("statefun_batch_size") else {
            Issue.record("no batch-size histogram")
            return
        }
        #expect(count == UInt64(batches) && buckets.first { $0.upperBound == 2 }?.count == UInt64(batches))
    }

    @Test func serverEventsMoveConnectionAndLimitMetrics() {
        let metrics = MetricsInstrumentation()
        metrics.serverEvent(.connectionOpened)
        metrics.serverEvent(.connectionOpened)
        metrics.serverEvent(.connectionClosed)
        metrics.serverEvent(.limitHit(status: 431, limit: "max_header_bytes", peer: nil))
        #expect(metrics.registry.family("statefun_http_open_connections")?.series.first?.value == .number(1))
        #expect(
            metrics.registry.family("statefun_http_limit_hits_total")?.series(["status": "431"])?.value == .number(1))
    }

    @Test func aGroupSendsEveryEventToEachMember() {
        let a = MetricsInstrumentation()
        let b = MetricsInstrumentation()
        let group = InstrumentationGroup([a, b])
        let probe = group.probe(for: "example/greeter")
        probe.batchEnded(Self.batch, BatchOutcome(status: .incompleteContext, duration: .zero, missingStates: ["s"]))
        group.serverEvent(.connectionOpened)
        for member in [a, b] {
            #expect(
                member.registry.family("statefun_missing_state_total")?.series.first?.value == .number(1))
            #expect(member.registry.family("statefun_http_open_connections")?.series.first?.value == .number(1))
        }
    }
}
