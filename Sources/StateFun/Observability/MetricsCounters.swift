/// A function's counters (Docs/Operations.md, "Metrics"): what a ``MetricsStripe`` adds to on every batch, and
/// what a ``MetricsSnapshot`` adds up across the stripes. Batches by outcome (`ended` counts them all, for the
/// in-flight gauge), invocations, failures by kind, skipped invocations by policy, and effects.
struct MetricsCounters: Sendable {
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

    /// Batches answered with `status`.
    func batches(_ status: BatchOutcome.Status) -> UInt64 {
        switch status {
        case .success: succeeded
        case .failure: failed
        case .incompleteContext: incompleteContext
        }
    }

    /// Adds `other`'s counters.
    mutating func add(_ other: MetricsCounters) {
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
    }
}
