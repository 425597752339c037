import Synchronization

/// A counter of a ``MetricsRegistry``: one atomic add per increment, no lock.
public final class MetricCounter: Sendable {
    private let storage = Atomic<UInt64>(0)

    /// A counter at zero (register it with ``MetricsRegistry/counter(_:help:labels:)`` to expose it).
    public init() {}

    /// Adds `amount`.
    public func increment(by amount: UInt64 = 1) {
        storage.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The current count.
    public var value: UInt64 { storage.load(ordering: .relaxed) }
}
