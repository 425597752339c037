import StateFunProtocol
import Synchronization

/// One stripe of a function's metrics (``FunctionMetricsProbe``): a whole set of its counts, taken by one thread
/// at a time with a try-lock. A thread records a batch in the stripe its ``ThreadHint`` picks, or the next free one,
/// so threads answering batches at the same time count in different memory and never wait for each other; the
/// stripes are added up when the metrics are read.
///
/// Why not one lock per function: it would be shared by every core, and an uncontended `Mutex` took about 38 ns
/// a lock and unlock on the benchmark machine (a tight loop), where this try-lock is one compare-and-exchange and
/// one store. Everything the hot path touches is plain integers in memory the stripe owns: histograms count
/// nanoseconds and bytes against integer bounds (no `Double`, no array to check for uniqueness).
package final class MetricsStripe: @unchecked Sendable {
    // Unchecked Sendable: every `var` below and every buffer is read or written only while `held` is true, taken
    // with an acquiring compare-and-exchange and given back with a releasing store.

    /// Whether a thread is counting in this stripe.
    private let held = Atomic<Bool>(false)
    /// Batches begun while this stripe was picked: the in-flight gauge is every stripe's `begun` less every
    /// stripe's `ended` (a batch may end on another thread than the one it began on).
    let begun = Atomic<UInt64>(0)

    @exclusivity(unchecked) var counters = MetricsCounters()
    /// Records per egress (made on first sight of an egress, so a cold path).
    @exclusivity(unchecked) var egress = EgressSeries()
    /// The egress the last batch counted here wrote to, when it wrote to one egress only: its index in `egress`
    /// and its records' leading bytes (``EffectTally/header(namespace:type:)``), against
    /// which the next batch's records are matched first in one pass, and the records matched so, added to its
    /// series when another egress comes or the stripe is read. The bytes are a `FixedBuffer` the stripe owns, so
    /// that the usual batch retains nothing and checks no array's uniqueness.
    @exclusivity(unchecked) private var lastEgress: (index: Int, header: FixedBuffer<UInt8>)?
    @exclusivity(unchecked) private var lastEgressRecords: UInt64 = 0

    /// The four histograms, in `words`.
    let batchSize: IntegerHistogram
    let duration: IntegerHistogram
    let requestBytes: IntegerHistogram
    let responseBytes: IntegerHistogram
    /// Every histogram's bounds, counts and sum, in one allocation the stripe owns (released in `deinit`).
    private let words: FixedBuffer<UInt64>

    /// The histograms' bounds, in their unit: invocations, nanoseconds, bytes, bytes.
    init(batchSizeBounds: [UInt64], durationBounds: [UInt64], byteBounds: [UInt64]) {
        let layout = [batchSizeBounds, durationBounds, byteBounds, byteBounds]
        // Per histogram: its bounds, then zeros for its counts and sum.
        let initial = layout.flatMap { $0 + Array(repeating: 0, count: IntegerHistogram.wordCount(bounds: $0.count) - $0.count) }
        let words = FixedBuffer(count: initial.count) { initial[$0] }
        var start = 0
        let histograms = layout.map { bounds in
            defer { start += IntegerHistogram.wordCount(bounds: bounds.count) }
            return IntegerHistogram(words: words, start: start, boundCount: bounds.count)
        }
        self.words = words
        (batchSize, duration, requestBytes, responseBytes) = (histograms[0], histograms[1], histograms[2], histograms[3])
    }

    deinit {
        words.release()
        lastEgress?.header.release()
    }

    /// Takes the stripe if no thread has it.
    @inline(__always)
    func tryLock() -> Bool {
        held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    /// Gives the stripe back.
    @inline(__always)
    func unlock() {
        held.store(false, ordering: .releasing)
    }

    // MARK: - Recording (the stripe held)

    /// What every ending counts: the batch, its size, duration and request.
    @inline(__always)
    func ended(size: Int, requestBytes: Int, nanoseconds: UInt64) {
        counters.ended &+= 1
        batchSize.observe(UInt64(truncatingIfNeeded: size))
        duration.observe(nanoseconds)
        if requestBytes > 0 { self.requestBytes.observe(UInt64(truncatingIfNeeded: requestBytes)) }
    }

    /// A succeeded batch's invocations and answer (its effects are added apart).
    @inline(__always)
    func succeeded(size: Int, responseBytes: Int) {
        counters.succeeded &+= 1
        counters.invocations &+= UInt64(truncatingIfNeeded: size)
        self.responseBytes.observe(UInt64(truncatingIfNeeded: responseBytes))
    }

    /// Invocations the failure policy skipped (cold path: a permanent failure).
    func skipped(_ reports: [FailureReport]) {
        for report in reports {
            counters.permanentFailures &+= 1
            if report.action == .discard { counters.discarded &+= 1 } else { counters.deadLettered &+= 1 }
        }
    }

    /// A failed batch: the invocations up to the failing one, and the failure's kind.
    func failed(invocationIndex: Int, kind: FailureReport.Kind?) {
        counters.failed &+= 1
        counters.invocations &+= UInt64(truncatingIfNeeded: invocationIndex + 1)
        switch kind {
        case .permanent: counters.permanentFailures &+= 1
        case .transient: counters.transientFailures &+= 1
        case nil: break
        }
    }

    /// The effects of a succeeded batch: the writer's counts, and its egress records by egress (read from its
    /// buffer; nothing is written).
    @inline(__always)
    func effects(_ writer: inout FromFunctionWriter) {
        counters.messages &+= UInt64(truncatingIfNeeded: writer.messageCount)
        counters.delayed &+= UInt64(truncatingIfNeeded: writer.delayedMessageCount)
        counters.cancellations &+= UInt64(truncatingIfNeeded: writer.cancellationCount)
        guard writer.egressRecordCount > 0 else { return }
        if let header = lastEgress?.header, let records = EffectTally.egressRecords(&writer, allWith: header) {
            lastEgressRecords &+= UInt64(truncatingIfNeeded: records)
            return
        }
        countEgress(&writer)
    }

    /// Egress records by egress, read in full; remembers the egress when there is one.
    private func countEgress(_ writer: inout FromFunctionWriter) {
        foldLastEgress()
        EffectTally.read(&writer) { tally, bytes in
            guard let first = tally.egress else { return }
            let index = egress.add(first, in: bytes)
            if let more = tally.moreEgress {
                for count in more { egress.add(count, in: bytes) }
                return
            }
            let typeName = egress.egress[index]
            let header = EffectTally.header(namespace: typeName.namespace, type: typeName.name)
            lastEgress = (index, FixedBuffer(count: header.count) { header[$0] })
        }
    }

    /// Adds the records matched against the last egress to its series, and forgets it.
    private func foldLastEgress() {
        guard let last = lastEgress else { return }
        egress.add(Int(truncatingIfNeeded: lastEgressRecords), at: last.index)
        last.header.release()
        lastEgress = nil
        lastEgressRecords = 0
    }

    /// Everything counted so far, as plain values (the stripe held).
    var snapshot: MetricsSnapshot {
        var egress = self.egress
        if let last = lastEgress { egress.add(Int(truncatingIfNeeded: lastEgressRecords), at: last.index) }
        return MetricsSnapshot(
            counters: counters, egress: egress.counts, batchSize: batchSize.values, duration: duration.values,
            requestBytes: requestBytes.values, responseBytes: responseBytes.values)
    }
}
