import Synchronization

/// A histogram of a ``MetricsRegistry``: observations counted in buckets with fixed upper bounds, and summed.
public final class MetricHistogram: Sendable {
    private let values: Mutex<HistogramValues>

    /// An empty histogram with these bucket upper bounds (`+Inf` is implied).
    public init(buckets: [Double]) {
        values = Mutex(HistogramValues(bounds: buckets))
    }

    /// Counts one observation.
    public func observe(_ value: Double) {
        values.withLock { $0.observe(value) }
    }

    /// The cumulative buckets, sum and count now.
    public var value: MetricFamily.Value { values.withLock { $0.value } }
}
