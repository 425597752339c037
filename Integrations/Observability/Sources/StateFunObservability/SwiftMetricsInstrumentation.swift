public import CoreMetrics
public import StateFun

/// The SDK's metrics reported through swift-metrics: the series of the built-in `GET /metrics`
/// (``MetricsInstrumentation``, Docs/Operations.md) under the same names and labels, made by a `MetricsFactory`
/// (by default the one `MetricsSystem.bootstrap` installed: Prometheus, StatsD, OpenTelemetry…).
///
/// Counters are swift-metrics `Counter`s, the batch-size and byte histograms `Recorder`s, the batch duration a
/// `Timer` (nanoseconds; exporters such as swift-prometheus report it in seconds, as the name says), the in-flight
/// batches and open connections `Meter`s. Each function's handles are made once, when the SDK asks for its probe,
/// so a batch only increments handles it already has (an egress's counter is made the first time it appears).
public struct SwiftMetricsInstrumentation: StateFun.Instrumentation {
    /// Where the metrics are made.
    public let factory: any MetricsFactory
    private let openConnections: Meter

    /// Reports the SDK's metrics through `factory`.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        openConnections = Meter(label: "statefun_http_open_connections", factory: factory)
    }

    /// Makes `function`'s handles and returns the probe that updates them.
    public func probe(for function: TypeName) -> any FunctionProbe {
        SwiftMetricsProbe(function: function, factory: factory)
    }

    /// Counts connections and limit hits, as the built-in `/metrics` does.
    public func serverEvent(_ event: ServerEvent) {
        switch event {
        case .connectionOpened: openConnections.increment()
        case .connectionClosed: openConnections.decrement()
        case .limitHit(let status, let limit, _):
            Counter(
                label: "statefun_http_limit_hits_total", dimensions: [("status", String(status)), ("limit", limit)],
                factory: factory
            ).increment()
        case .started, .stopped: break
        }
    }
}
