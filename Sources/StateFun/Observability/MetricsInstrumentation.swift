import Synchronization

/// The SDK's metrics as an ``Instrumentation``: per function type, the batch counters, histograms and gauges of
/// Docs/Operations.md in a ``MetricsRegistry``, plus the server's connection gauge and limit-hit counters.
///
/// Each function's batch metrics are counted in stripes, one per thread answering at the moment (a try-lock
/// taken once when a batch ends, an atomic add when it begins), and its effects are the response writer's own
/// counts: the cost on the hot path is two clock reads and a few dozen integer adds (Benchmarks/README.md, "The
/// cost of metrics").
public struct MetricsInstrumentation: Instrumentation {
    /// Where the metrics are registered.
    public let registry: MetricsRegistry
    private let openConnections: MetricGauge

    /// Registers the SDK's metrics in `registry` (families appear as functions are probed).
    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        openConnections = registry.gauge(
            "statefun_http_open_connections", help: "Connections the built-in server has open.")
    }

    /// Registers `function`'s series and returns the probe that updates them.
    public func probe(for function: TypeName) -> any FunctionProbe {
        let probe = FunctionMetricsProbe(function: function)
        probe.register(in: registry)
        return probe
    }

    /// Counts connections and limit hits.
    public func serverEvent(_ event: ServerEvent) {
        switch event {
        case .connectionOpened: openConnections.increment()
        case .connectionClosed: openConnections.decrement()
        case .limitHit(let status, let limit, _):
            registry.counter(
                "statefun_http_limit_hits_total", help: "Requests the built-in server refused for breaking a limit.",
                labels: ["status": String(status), "limit": limit]
            ).increment()
        case .started, .stopped: break
        }
    }

    /// Upper bounds of the batch-size histogram (invocations).
    public static let batchSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
    /// Upper bounds of the batch-duration histogram (seconds).
    public static let durationBuckets: [Double] = [
        0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10,
    ]
    /// Upper bounds of the request- and response-size histograms (bytes).
    public static let byteBuckets: [Double] = [64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216]
}
