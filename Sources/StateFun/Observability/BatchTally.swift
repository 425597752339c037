import Synchronization

/// Counts the batches a server answered and those that failed, for its shutdown line (``ServerEvent/stopped``).
package final class BatchTally: Instrumentation {
    private let batches = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)

    package init() {}

    package func probe(for function: TypeName) -> any FunctionProbe { Probe(tally: self) }

    /// Batches answered so far and how many of them failed.
    package var counts: (batches: Int, failed: Int) {
        (batches.load(ordering: .relaxed), failed.load(ordering: .relaxed))
    }

    private struct Probe: FunctionProbe {
        let tally: BatchTally

        func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
            tally.batches.add(1, ordering: .relaxed)
            if outcome.status == .failure { tally.failed.add(1, ordering: .relaxed) }
        }
    }
}
