import Synchronization

/// A gauge of a ``MetricsRegistry`` holding a whole number (in-flight batches, open connections): atomic, no
/// lock.
public final class MetricGauge: Sendable {
    private let storage = Atomic<Int64>(0)

    /// A gauge at zero.
    public init() {}

    /// Adds `amount` (negative to subtract).
    public func increment(by amount: Int64 = 1) {
        storage.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Subtracts `amount`.
    public func decrement(by amount: Int64 = 1) {
        storage.wrappingSubtract(amount, ordering: .relaxed)
    }

    /// Sets the value.
    public func set(_ value: Int64) {
        storage.store(value, ordering: .relaxed)
    }

    /// The current value.
    public var value: Int64 { storage.load(ordering: .relaxed) }
}
