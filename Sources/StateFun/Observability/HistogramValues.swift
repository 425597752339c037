/// A histogram's counts as a plain value: the bucket bounds, a count per bucket (not cumulative; one more for
/// the observations above the last bound) and the sum. Kept under the lock of whoever owns it.
package struct HistogramValues: Sendable {
    package let bounds: [Double]
    package private(set) var counts: [UInt64]
    package private(set) var sum: Double = 0

    /// Empty buckets for `bounds` (sorted ascending and deduplicated here; NaN and infinite bounds dropped).
    package init(bounds: [Double]) {
        var sorted = Array(Set(bounds.filter(\.isFinite))).sorted()
        if sorted.isEmpty { sorted = [1] }
        self.bounds = sorted
        counts = Array(repeating: 0, count: sorted.count + 1)
    }

    /// Counts `value` in the first bucket whose bound is at or above it. A NaN is not counted.
    @inline(__always)
    package mutating func observe(_ value: Double) {
        guard !value.isNaN else { return }
        var i = 0
        while i < bounds.count, value > bounds[i] { i += 1 }
        counts[i] &+= 1
        sum += value
    }

    /// The exposed form: cumulative buckets, sum and count.
    package var value: MetricFamily.Value { Self.exposed(bounds: bounds, counts: counts, sum: sum) }

    /// A histogram's exposed form from its bucket bounds, its counts per bucket (not cumulative; one more for the
    /// observations above the last bound) and its sum: cumulative buckets, the sum, and the count of all.
    package static func exposed(bounds: [Double], counts: [UInt64], sum: Double) -> MetricFamily.Value {
        var buckets: [MetricFamily.Bucket] = []
        buckets.reserveCapacity(bounds.count)
        var running: UInt64 = 0
        for (bound, count) in zip(bounds, counts) {
            running &+= count
            buckets.append(.init(upperBound: bound, count: running))
        }
        return .histogram(buckets: buckets, sum: sum, count: counts.reduce(0, &+))
    }
}
