import CoreMetrics
import MetricsTestKit
import StateFun
import StateFunObservability
import Testing

@Suite struct SwiftMetricsBridgeTests {
    static let function = ("function", "test/echo")

    /// Two good batches, a transient failure and a permanent one (one message per id, so one batch each, after
    /// the missing-state handshake each first contact makes: the function declares a state), seen by the SDK's
    /// registry and the bridge at once.
    static func run() async throws -> (TestMetrics, MetricsRegistry) {
        let metrics = TestMetrics()
        let registry = MetricsRegistry()
        let runtime = ObservedApp.runtime(
            InstrumentationGroup([MetricsInstrumentation(registry: registry), SwiftMetricsInstrumentation(factory: metrics)]))
        defer { runtime.shutDown() }
        try runtime.send("ann", to: Address(ObservedApp.function, id: "a"))
        try runtime.send("bob", to: Address(ObservedApp.function, id: "b"))
        try runtime.send("boom", to: Address(ObservedApp.function, id: "c"))
        try runtime.send(Int64(7), to: Address(ObservedApp.function, id: "d"))
        try runtime.send("poison", to: Address(ObservedApp.lenient, id: "e"))
        await runtime.runUntilIdle()
        return (metrics, registry)
    }

    @Test func countersMoveAsBatchesSucceedAndFail() async throws {
        let (metrics, _) = try await Self.run()
        func total(_ label: String, _ more: [(String, String)] = []) -> Int64 {
            metrics.counterTotal(label: label, dimensions: [Self.function] + more)
        }
        #expect(total("statefun_batches_total", [("outcome", "success")]) == 2)
        #expect(total("statefun_batches_total", [("outcome", "failure")]) == 2)
        #expect(total("statefun_invocations_total") == 4)
        #expect(total("statefun_invocation_failures_total", [("kind", "transient")]) == 1)
        #expect(total("statefun_invocation_failures_total", [("kind", "permanent")]) == 1)
        #expect(total("statefun_egress_records_total", [("egress", "test/out")]) == 2)
        #expect(total("statefun_batches_total", [("outcome", "incomplete_context")]) == 4)
        #expect(total("statefun_missing_state_total") == 4)
        let sizes = try metrics.expectRecorder("statefun_batch_size", [Self.function]).values
        #expect(sizes == Array(repeating: 1, count: 8))
        #expect(try metrics.expectTimer("statefun_batch_duration_seconds", [Self.function]).values.count == 8)
        #expect(try metrics.expectMeter("statefun_inflight_batches", [Self.function]).lastValue == 0)
    }

    @Test func everySeriesHasTheNameAndLabelsOfTheBuiltInMetrics() async throws {
        let (metrics, registry) = try await Self.run()
        let builtIn = registry.snapshot()
        /// The built-in family's series of `test/echo` (the per-function histograms and gauges).
        func series(_ name: String) -> [[MetricFamily.Label]] {
            (builtIn.first { $0.name == name }?.series.map(\.labels) ?? []).filter { $0.first == .init("function", "test/echo") }
        }
        func labels(_ dimensions: [(String, String)]) -> [MetricFamily.Label] { dimensions.map { .init($0.0, $0.1) } }
        let counters = metrics.counters
        #expect(!counters.isEmpty)
        for counter in counters {
            let family = try #require(builtIn.first { $0.name == counter.label }, "no built-in \(counter.label)")
            #expect(family.kind == .counter)
            let built = try #require(
                family.series.first { $0.labels == labels(counter.dimensions) },
                "\(counter.label) \(counter.dimensions) not in \(family.series.map(\.labels))")
            #expect(built.value == .number(Double(counter.totalValue)), "\(counter.label) \(counter.dimensions)")
        }
        for name in ["statefun_batch_size", "statefun_request_bytes", "statefun_response_bytes"] {
            let recorder = try metrics.expectRecorder(name, [Self.function])
            #expect(series(name) == [labels(recorder.dimensions)])
            let echo = builtIn.first(where: { $0.name == name })?.series.first { $0.label("function") == "test/echo" }
            guard case .histogram(_, _, let count) = echo?.value else {
                Issue.record("\(name) is no histogram")
                continue
            }
            #expect(UInt64(recorder.values.count) == count, "\(name)")
        }
        #expect(series("statefun_batch_duration_seconds") == [labels([Self.function])])
        #expect(series("statefun_inflight_batches") == [labels([Self.function])])
    }

    @Test func anInvocationTheFailurePolicyDiscardsIsCountedAsSkipped() async throws {
        let (metrics, _) = try await Self.run()
        let lenient = ("function", "test/lenient")
        #expect(metrics.counterTotal(label: "statefun_skipped_invocations_total", dimensions: [lenient, ("policy", "discard")]) == 1)
        #expect(metrics.counterTotal(label: "statefun_invocation_failures_total", dimensions: [lenient, ("kind", "permanent")]) == 1)
        #expect(metrics.counterTotal(label: "statefun_batches_total", dimensions: [lenient, ("outcome", "success")]) == 1)
    }

    @Test func connectionsAndLimitHitsAreCountedLikeTheBuiltInServer() throws {
        let metrics = TestMetrics()
        let bridge = SwiftMetricsInstrumentation(factory: metrics)
        bridge.serverEvent(.connectionOpened)
        bridge.serverEvent(.connectionOpened)
        bridge.serverEvent(.connectionClosed)
        bridge.serverEvent(.limitHit(status: 413, limit: "max_body_bytes", peer: nil))
        #expect(try metrics.expectMeter("statefun_http_open_connections").lastValue == 1)
        #expect(
            metrics.counterTotal(
                label: "statefun_http_limit_hits_total", dimensions: [("status", "413"), ("limit", "max_body_bytes")]) == 1)
    }
}
