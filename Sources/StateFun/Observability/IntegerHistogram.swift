/// A histogram in a ``MetricsStripe``'s buffer: integer upper bounds (nanoseconds, bytes, invocations), a count
/// per bound and one for the observations above the last, and the sum, all plain words. The stripe owns the memory
/// and its lock guards it; this is only where in it the histogram is.
struct IntegerHistogram {
    /// The upper bounds, ascending.
    let bounds: UnsafeMutablePointer<UInt64>
    let boundCount: Int
    /// `boundCount + 1` counts (not cumulative), then the sum.
    let counts: UnsafeMutablePointer<UInt64>

    /// Counts `value` in the first bucket whose bound is at or above it.
    @inline(__always)
    func observe(_ value: UInt64) {
        var i = 0
        while i < boundCount, value > bounds[i] { i &+= 1 }
        counts[i] &+= 1
        counts[boundCount &+ 1] &+= value
    }

    /// The counts (one per bound and one above) and the sum, copied out.
    var values: IntegerHistogram.Values {
        Values(counts: Array(UnsafeBufferPointer(start: counts, count: boundCount + 1)), sum: counts[boundCount + 1])
    }

    /// A histogram's counts as values, added up across stripes.
    struct Values: Sendable {
        var counts: [UInt64]
        var sum: UInt64

        /// Adds `other`'s counts (of the same bounds).
        mutating func add(_ other: Values) {
            for i in counts.indices where i < other.counts.count { counts[i] &+= other.counts[i] }
            sum &+= other.sum
        }

        /// The exposed form with the bounds in the metric's unit (`bounds`, as many as the integer ones), the sum
        /// multiplied by `scale` (1e-9 for nanoseconds as seconds).
        func value(bounds: [Double], scale: Double) -> MetricFamily.Value {
            HistogramValues.exposed(bounds: bounds, counts: counts, sum: Double(sum) * scale)
        }
    }
}
