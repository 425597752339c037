import StateFunProtocol

/// A histogram in a ``MetricsStripe``'s words: integer upper bounds (nanoseconds, bytes, invocations), a count per
/// bound and one for the observations above the last, and the sum. The stripe owns the words (one `FixedBuffer`
/// for its four histograms) and its lock guards them; this is only where in them the histogram is.
struct IntegerHistogram {
    let words: FixedBuffer<UInt64>
    /// Where the bounds begin in `words` (ascending), and how many there are; `boundCount + 1` counts (not
    /// cumulative) follow them, then the sum.
    let start: Int
    let boundCount: Int

    /// The words a histogram of `boundCount` bounds takes.
    static func wordCount(bounds boundCount: Int) -> Int { 2 * boundCount + 2 }

    /// Counts `value` in the first bucket whose bound is at or above it.
    @inline(__always)
    func observe(_ value: UInt64) {
        var i = 0
        while i < boundCount, value > words[start &+ i] { i &+= 1 }
        let counts = start &+ boundCount
        words[counts &+ i] &+= 1
        words[counts &+ boundCount &+ 1] &+= value
    }

    /// The counts (one per bound and one above) and the sum, copied out.
    var values: IntegerHistogram.Values {
        let counts = start + boundCount
        return Values(counts: (counts...(counts + boundCount)).map { words[$0] }, sum: words[counts + boundCount + 1])
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
