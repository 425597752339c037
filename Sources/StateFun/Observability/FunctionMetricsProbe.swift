import StateFunHTTP
import StateFunProtocol
import Synchronization

/// One function type's metrics, counted in stripes (``MetricsStripe``): a batch's ending takes the stripe its
/// thread picks (or the next free one) with one compare-and-exchange, adds plain integers and gives it back; the
/// stripes are added up when the registry is read. Threads answering batches at the same time count in different
/// stripes, so no lock is shared between cores (issue 16: one `Mutex` per function cost more than its counting).
///
/// The request-reply handler calls it directly, not as a ``FunctionProbe`` (``RegisteredFunction`` takes it out
/// of the instrumentation): ``batchBegan()`` and the `record` methods take plain numbers and the batch's effect
/// writer, whose own counts it reads, so a watched batch makes no event, no outcome and no string, and reads no
/// `Duration`. As a ``FunctionProbe`` (tests, or a probe in an app's own group) it moves the same series the same
/// way.
package final class FunctionMetricsProbe: FunctionProbe {
    let function: TypeName
    /// A power of two of stripes: twice the processors, at least 2 and at most ``maxStripes``.
    private let stripes: [MetricsStripe]
    /// The same stripes unretained, for the hot path: `stripes` keeps them alive as long as the probe, and taking
    /// one out of `stripes` cost a retain and a release per batch (greeter_reply with metrics on: 1.91 against
    /// 1.86 µs of CPU time, 12 interleaved runs each).
    private let unretained: [Unmanaged<MetricsStripe>]
    /// How far to shift a thread's mixed hint to pick a stripe (64 less log2 of the stripe count).
    private let shift: UInt64

    /// The most stripes a function has (each about 1 KiB): twice the processors, rounded up to a power of two,
    /// at most this many.
    static let maxStripes = 64

    init(function: TypeName) {
        self.function = function
        var count = 2
        while count < min(2 * ThreadHint.processors, Self.maxStripes) { count *= 2 }
        let sizes = MetricsInstrumentation.batchSizeBuckets.map { UInt64($0.rounded(.down)) }
        let nanoseconds = MetricsInstrumentation.durationBuckets.map { UInt64(($0 * 1e9).rounded(.down)) }
        let bytes = MetricsInstrumentation.byteBuckets.map { UInt64($0.rounded(.down)) }
        stripes = (0..<count).map { _ in
            MetricsStripe(batchSizeBounds: sizes, durationBounds: nanoseconds, byteBounds: bytes)
        }
        unretained = stripes.map { Unmanaged.passUnretained($0) }
        shift = UInt64(64 - count.trailingZeroBitCount)
    }

    /// The stripe the calling thread picks: Fibonacci hashing of its pthread handle (an address, its low bits
    /// alike from thread to thread), whose product's top bits spread them.
    @inline(__always)
    private var home: Int {
        Int(truncatingIfNeeded: (UInt64(ThreadHint.current) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// Runs `body` with a stripe held: the calling thread's, or the next free one (a stripe is held for a few dozen
    /// instructions, so the search ends at once unless more threads than stripes count at the same moment).
    @inline(__always)
    private func withStripe(_ body: (MetricsStripe) -> Void) {
        var i = home
        let mask = unretained.count &- 1
        while true {
            let taken = unretained[i]._withUnsafeGuaranteedRef { stripe in
                guard stripe.tryLock() else { return false }
                body(stripe)
                stripe.unlock()
                return true
            }
            if taken { return }
            i = (i &+ 1) & mask
        }
    }

    /// Every stripe added up (each taken in turn, waiting for a thread counting in it).
    private var total: MetricsSnapshot {
        var total = Self.read(stripes[0])
        for stripe in stripes.dropFirst() { total.add(Self.read(stripe)) }
        return total
    }

    private static func read(_ stripe: MetricsStripe) -> MetricsSnapshot {
        while !stripe.tryLock() {}
        defer { stripe.unlock() }
        return stripe.snapshot
    }

    /// Batches begun less batches ended, across the stripes (the begun first, so that a batch that ends meanwhile
    /// is not counted as ended and not begun).
    private var inflight: Int64 {
        let begun = stripes.reduce(0) { $0 &+ $1.begun.load(ordering: .relaxed) }
        return Int64(bitPattern: begun &- total.counters.ended)
    }

    // MARK: - The handler's calls

    /// A batch began (the in-flight gauge): an atomic add on the thread's stripe, no lock.
    @inline(__always)
    func batchBegan() {
        _ = unretained[home]._withUnsafeGuaranteedRef { $0.begun.wrappingAdd(1, ordering: .relaxed) }
    }

    /// A batch was answered with the effects `effects` holds (read in place, nothing written).
    func recordSuccess(
        size: Int, requestBytes: Int, responseBytes: Int, nanoseconds: UInt64, effects: inout FromFunctionWriter,
        skipped: [FailureReport]?
    ) {
        withStripe { stripe in
            stripe.ended(size: size, requestBytes: requestBytes, nanoseconds: nanoseconds)
            stripe.succeeded(size: size, responseBytes: responseBytes)
            if let skipped { stripe.skipped(skipped) }
            stripe.effects(&effects)
        }
    }

    /// A batch failed at invocation `invocationIndex` (answered 500).
    func recordFailure(
        size: Int, requestBytes: Int, nanoseconds: UInt64, invocationIndex: Int, kind: FailureReport.Kind
    ) {
        withStripe { stripe in
            stripe.ended(size: size, requestBytes: requestBytes, nanoseconds: nanoseconds)
            stripe.failed(invocationIndex: invocationIndex, kind: kind)
        }
    }

    /// A batch was answered with the missing-state handshake.
    func recordIncompleteContext(size: Int, requestBytes: Int, nanoseconds: UInt64) {
        withStripe { stripe in
            stripe.ended(size: size, requestBytes: requestBytes, nanoseconds: nanoseconds)
            stripe.counters.incompleteContext &+= 1
        }
    }

    // MARK: - FunctionProbe

    package func batchBegan(_ batch: BatchEvent) {
        batchBegan()
    }

    package func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
        let nanoseconds = MonotonicClock.nanoseconds(outcome.duration)
        withStripe { stripe in
            stripe.ended(size: batch.size, requestBytes: batch.requestBytes, nanoseconds: nanoseconds)
            switch outcome.status {
            case .success:
                stripe.succeeded(size: batch.size, responseBytes: outcome.responseBytes)
                stripe.skipped(outcome.skippedInvocations)
                stripe.counters.messages &+= UInt64(truncatingIfNeeded: outcome.effects.messages)
                stripe.counters.delayed &+= UInt64(truncatingIfNeeded: outcome.effects.delayedMessages)
                stripe.counters.cancellations &+= UInt64(truncatingIfNeeded: outcome.effects.cancellations)
                for (egress, count) in outcome.effects.egressRecords { stripe.egress.add(egress, count) }
            case .failure:
                stripe.failed(invocationIndex: outcome.failure?.invocationIndex ?? 0, kind: outcome.failure?.kind)
            case .incompleteContext:
                stripe.counters.incompleteContext &+= 1
            }
        }
    }

    /// Adds this function's series to `registry`'s families.
    func register(in registry: MetricsRegistry) {
        let f = MetricFamily.Label("function", function.description)
        func counter(_ name: String, _ help: String, _ read: @escaping @Sendable (MetricsSnapshot) -> [([MetricFamily.Label], UInt64)]) {
            registry.addCollector(name, help: help, kind: .counter) { [self] in
                read(total).map { .init(labels: [f] + $0.0, value: .number(Double($0.1))) }
            }
        }
        func histogram(_ name: String, _ help: String, _ read: @escaping @Sendable (MetricsSnapshot) -> MetricFamily.Value) {
            registry.addCollector(name, help: help, kind: .histogram) { [self] in
                [.init(labels: [f], value: read(total))]
            }
        }
        counter("statefun_batches_total", "Batches answered, by outcome (success, failure, incomplete_context).") { t in
            BatchOutcome.Status.allCases.map { status in ([.init("outcome", status.rawValue)], t.counters.batches(status)) }
        }
        counter("statefun_invocations_total", "Invocations run (of succeeded batches, and of failed ones up to the failure).") {
            [([], $0.counters.invocations)]
        }
        counter("statefun_invocation_failures_total", "Invocations that failed, by kind (permanent, transient).") { t in
            [([.init("kind", "permanent")], t.counters.permanentFailures), ([.init("kind", "transient")], t.counters.transientFailures)]
        }
        counter("statefun_skipped_invocations_total", "Permanently failed invocations skipped by the failure policy, by policy (dead_letter, discard).") { t in
            [([.init("policy", "dead_letter")], t.counters.deadLettered), ([.init("policy", "discard")], t.counters.discarded)]
        }
        counter("statefun_missing_state_total", "Batches answered with the missing-state handshake (3.x).") {
            [([], $0.counters.incompleteContext)]
        }
        counter("statefun_messages_sent_total", "Messages sent to functions by succeeded batches.") { [([], $0.counters.messages)] }
        counter("statefun_delayed_messages_total", "Delayed messages sent by succeeded batches.") { [([], $0.counters.delayed)] }
        counter("statefun_cancellations_total", "Delayed-message cancellations sent by succeeded batches.") {
            [([], $0.counters.cancellations)]
        }
        counter("statefun_egress_records_total", "Egress records sent by succeeded batches, by egress.") { t in
            t.egress.map { ([.init("egress", $0.description)], $1) }
        }
        histogram("statefun_batch_size", "Invocations per batch.") { $0.batchSize.value(bounds: MetricsInstrumentation.batchSizeBuckets, scale: 1) }
        histogram("statefun_batch_duration_seconds", "Time from a batch's decoding to its encoded answer.") { $0.duration.value(bounds: MetricsInstrumentation.durationBuckets, scale: 1e-9) }
        histogram("statefun_request_bytes", "Request body sizes.") { $0.requestBytes.value(bounds: MetricsInstrumentation.byteBuckets, scale: 1) }
        histogram("statefun_response_bytes", "Response body sizes of succeeded batches.") { $0.responseBytes.value(bounds: MetricsInstrumentation.byteBuckets, scale: 1) }
        registry.addCollector("statefun_inflight_batches", help: "Batches running now.", kind: .gauge) { [self] in
            [.init(labels: [f], value: .number(Double(inflight)))]
        }
    }
}
