/// A function's metrics as plain values: one ``MetricsStripe``'s, or all of them added up when the registry is read.
struct MetricsSnapshot: Sendable {
    var counters: MetricsCounters
    /// Records per egress, in order of first appearance across the stripes.
    var egress: [(TypeName, UInt64)]
    var batchSize: IntegerHistogram.Values
    var duration: IntegerHistogram.Values
    var requestBytes: IntegerHistogram.Values
    var responseBytes: IntegerHistogram.Values

    /// Adds another stripe's metrics.
    mutating func add(_ other: MetricsSnapshot) {
        counters.add(other.counters)
        for (egress, count) in other.egress {
            if let i = self.egress.firstIndex(where: { $0.0 == egress }) {
                self.egress[i].1 &+= count
            } else {
                self.egress.append((egress, count))
            }
        }
        batchSize.add(other.batchSize)
        duration.add(other.duration)
        requestBytes.add(other.requestBytes)
        responseBytes.add(other.responseBytes)
    }
}
