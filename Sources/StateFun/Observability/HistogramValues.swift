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
    package var value: MetricFamily.Value {
        var buckets: [MetricFamily.Bucket] = []
        buckets.reserveCapacity(bounds.count)
        var running: UInt64 = 0
        for i in bounds.indices {
            running &+= counts[i]
            buckets.append(.init(upperBound: bounds[i], count: running))
        }
        return .histogram(buckets: buckets, sum: sum, count: running &+ counts[bounds.count])
    }
}
