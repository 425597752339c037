/// A function's metrics as plain values: one ``MetricsStripe``'s, or all of them added up when the registry is read.
struct MetricsSnapshot: Sendable {
    var ended: UInt64 = 0
    var succeeded: UInt64 = 0
    var failed: UInt64 = 0
    var incompleteContext: UInt64 = 0
    var invocations: UInt64 = 0
    var permanentFailures: UInt64 = 0
    var transientFailures: UInt64 = 0
    var deadLettered: UInt64 = 0
    var discarded: UInt64 = 0
    var messages: UInt64 = 0
    var delayed: UInt64 = 0
    var cancellations: UInt64 = 0
    /// Records per egress, in order of first appearance across the stripes.
    var egress: [(TypeName, UInt64)] = []
    var batchSize: IntegerHistogram.Values
    var duration: IntegerHistogram.Values
    var requestBytes: IntegerHistogram.Values
    var responseBytes: IntegerHistogram.Values

    /// Batches answered with `status`.
    func batches(_ status: BatchOutcome.Status) -> UInt64 {
        switch status {
        case .success: succeeded
        case .failure: failed
        case .incompleteContext: incompleteContext
        }
    }

    /// Adds another stripe's counts.
    mutating func add(_ other: MetricsSnapshot) {
        ended &+= other.ended
        succeeded &+= other.succeeded
        failed &+= other.failed
        incompleteContext &+= other.incompleteContext
        invocations &+= other.invocations
        permanentFailures &+= other.permanentFailures
        transientFailures &+= other.transientFailures
        deadLettered &+= other.deadLettered
        discarded &+= other.discarded
        messages &+= other.messages
        delayed &+= other.delayed
        cancellations &+= other.cancellations
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
