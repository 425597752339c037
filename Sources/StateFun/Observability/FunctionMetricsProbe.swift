import StateFunProtocol
import Synchronization

/// One function type's metrics: every batch counter and histogram under one lock, taken once when a batch ends.
///
/// The request-reply handler calls it directly, not as a ``FunctionProbe`` (``RegisteredFunction`` takes it out
/// of the instrumentation): ``batchBegan()`` and the `record` methods take plain numbers and the effect buffers'
/// ``EffectTally``, so a watched batch makes no event, no outcome and no string, and reads no `Duration`. As a
/// ``FunctionProbe`` (tests, or a probe in an app's own group) it moves the same series the same way.
package final class FunctionMetricsProbe: FunctionProbe {
    let function: TypeName
    private let begun = Atomic<UInt64>(0)
    private let tallies = Mutex(Tallies())

    struct Tallies {
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
        /// Per egress, in order of first appearance: its typename, record count, and where its namespace and type
        /// are in `egressKeys` (their bytes), so that a batch's ``EffectTally`` finds its series by comparing
        /// bytes in place, without making a string.
        var egress: [TypeName] = []
        var egressCounts: [UInt64] = []
        var egressKeys: [UInt8] = []
        var egressNamespaces: [Range<Int>] = []
        var egressTypes: [Range<Int>] = []
        var ended: UInt64 = 0
        var batchSize = HistogramValues(bounds: MetricsInstrumentation.batchSizeBuckets)
        var duration = HistogramValues(bounds: MetricsInstrumentation.durationBuckets)
        var requestBytes = HistogramValues(bounds: MetricsInstrumentation.byteBuckets)
        var responseBytes = HistogramValues(bounds: MetricsInstrumentation.byteBuckets)

        func batches(_ status: BatchOutcome.Status) -> UInt64 {
            switch status {
            case .success: succeeded
            case .failure: failed
            case .incompleteContext: incompleteContext
            }
        }

        /// What every ending counts: the batch, its size, duration and request.
        mutating func ended(size: Int, requestBytes: Int, seconds: Double) {
            ended &+= 1
            batchSize.observe(Double(size))
            duration.observe(seconds)
            if requestBytes > 0 { self.requestBytes.observe(Double(requestBytes)) }
        }

        /// A succeeded batch's invocations, answer and skipped invocations (its effects are added apart).
        mutating func succeeded(size: Int, responseBytes: Int, skipped: [FailureReport]) {
            succeeded &+= 1
            invocations &+= UInt64(size)
            self.responseBytes.observe(Double(responseBytes))
            for report in skipped {
                permanentFailures &+= 1
                if report.action == .discard { discarded &+= 1 } else { deadLettered &+= 1 }
            }
        }

        /// A failed batch: the invocations up to the failing one, and the failure's kind.
        mutating func failed(invocationIndex: Int, kind: FailureReport.Kind?) {
            failed &+= 1
            invocations &+= UInt64(invocationIndex + 1)
            switch kind {
            case .permanent: permanentFailures &+= 1
            case .transient: transientFailures &+= 1
            case nil: break
            }
        }

        mutating func addEgress(_ egress: TypeName, _ count: Int) {
            if let i = self.egress.firstIndex(of: egress) {
                egressCounts[i] &+= UInt64(count)
            } else {
                append(egress, count)
            }
        }

        /// Adds `count` records of the egress whose namespace and type are those bytes of `bytes`.
        mutating func addEgress(_ tally: EffectTally.EgressCount, in bytes: EffectTally.EgressBytes) {
            var i = 0
            while i < egress.count {
                if bytes.matches(tally, egressKeys, namespace: egressNamespaces[i], type: egressTypes[i]) {
                    egressCounts[i] &+= UInt64(tally.count)
                    return
                }
                i &+= 1
            }
            append(TypeName(namespace: bytes.string(tally.namespace), name: bytes.string(tally.type)), tally.count)
        }

        private mutating func append(_ egress: TypeName, _ count: Int) {
            self.egress.append(egress)
            egressCounts.append(UInt64(count))
            let namespaceStart = egressKeys.count
            egressKeys.append(contentsOf: egress.namespace.utf8)
            let typeStart = egressKeys.count
            egressKeys.append(contentsOf: egress.name.utf8)
            egressNamespaces.append(namespaceStart..<typeStart)
            egressTypes.append(typeStart..<egressKeys.count)
        }
    }

    init(function: TypeName) {
        self.function = function
    }

    // MARK: - The handler's calls

    /// A batch began (the in-flight gauge).
    @inline(__always)
    func batchBegan() {
        begun.wrappingAdd(1, ordering: .relaxed)
    }

    /// A batch was answered with its effects: `tally` counts them, its egress ranges pointing into
    /// `egressBytes` (the writer's egress buffer, in place).
    func recordSuccess(
        size: Int, requestBytes: Int, responseBytes: Int, nanoseconds: UInt64, tally: EffectTally,
        egressBytes: EffectTally.EgressBytes, skipped: [FailureReport]?
    ) {
        let seconds = Double(nanoseconds) * 1e-9
        tallies.withLock { t in
            t.ended(size: size, requestBytes: requestBytes, seconds: seconds)
            t.succeeded(size: size, responseBytes: responseBytes, skipped: skipped ?? [])
            t.messages &+= UInt64(tally.messages)
            t.delayed &+= UInt64(tally.delayedMessages)
            t.cancellations &+= UInt64(tally.cancellations)
            if let egress = tally.egress {
                t.addEgress(egress, in: egressBytes)
                for more in tally.moreEgress ?? [] { t.addEgress(more, in: egressBytes) }
            }
        }
    }

    /// A batch failed at invocation `invocationIndex` (answered 500).
    func recordFailure(
        size: Int, requestBytes: Int, nanoseconds: UInt64, invocationIndex: Int, kind: FailureReport.Kind
    ) {
        let seconds = Double(nanoseconds) * 1e-9
        tallies.withLock { t in
            t.ended(size: size, requestBytes: requestBytes, seconds: seconds)
            t.failed(invocationIndex: invocationIndex, kind: kind)
        }
    }

    /// A batch was answered with the missing-state handshake.
    func recordIncompleteContext(size: Int, requestBytes: Int, nanoseconds: UInt64) {
        let seconds = Double(nanoseconds) * 1e-9
        tallies.withLock { t in
            t.ended(size: size, requestBytes: requestBytes, seconds: seconds)
            t.incompleteContext &+= 1
        }
    }

    // MARK: - FunctionProbe

    package func batchBegan(_ batch: BatchEvent) {
        batchBegan()
    }

    package func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
        let seconds = Double(outcome.duration.components.seconds)
            + Double(outcome.duration.components.attoseconds) * 1e-18
        tallies.withLock { t in
            t.ended(size: batch.size, requestBytes: batch.requestBytes, seconds: seconds)
            switch outcome.status {
            case .success:
                t.succeeded(size: batch.size, responseBytes: outcome.responseBytes, skipped: outcome.skippedInvocations)
                t.messages &+= UInt64(outcome.effects.messages)
                t.delayed &+= UInt64(outcome.effects.delayedMessages)
                t.cancellations &+= UInt64(outcome.effects.cancellations)
                for (egress, count) in outcome.effects.egressRecords { t.addEgress(egress, count) }
            case .failure:
                t.failed(invocationIndex: outcome.failure?.invocationIndex ?? 0, kind: outcome.failure?.kind)
            case .incompleteContext:
                t.incompleteContext &+= 1
            }
        }
    }

    /// Adds this function's series to `registry`'s families.
    func register(in registry: MetricsRegistry) {
        let f = MetricFamily.Label("function", function.description)
        func counter(_ name: String, _ help: String, _ read: @escaping @Sendable (Tallies) -> [([MetricFamily.Label], UInt64)]) {
            registry.addCollector(name, help: help, kind: .counter) { [self] in
                tallies.withLock { read($0) }.map { .init(labels: [f] + $0.0, value: .number(Double($0.1))) }
            }
        }
        func histogram(_ name: String, _ help: String, _ read: @escaping @Sendable (Tallies) -> HistogramValues) {
            registry.addCollector(name, help: help, kind: .histogram) { [self] in
                [.init(labels: [f], value: tallies.withLock { read($0) }.value)]
            }
        }
        counter("statefun_batches_total", "Batches answered, by outcome (success, failure, incomplete_context).") { t in
            BatchOutcome.Status.allCases.map { status in ([.init("outcome", status.rawValue)], t.batches(status)) }
        }
        counter("statefun_invocations_total", "Invocations run (of succeeded batches, and of failed ones up to the failure).") {
            [([], $0.invocations)]
        }
        counter("statefun_invocation_failures_total", "Invocations that failed, by kind (permanent, transient).") { t in
            [([.init("kind", "permanent")], t.permanentFailures), ([.init("kind", "transient")], t.transientFailures)]
        }
        counter("statefun_skipped_invocations_total", "Permanently failed invocations skipped by the failure policy, by policy (dead_letter, discard).") { t in
            [([.init("policy", "dead_letter")], t.deadLettered), ([.init("policy", "discard")], t.discarded)]
        }
        counter("statefun_missing_state_total", "Batches answered with the missing-state handshake (3.x).") {
            [([], $0.incompleteContext)]
        }
        counter("statefun_messages_sent_total", "Messages sent to functions by succeeded batches.") { [([], $0.messages)] }
        counter("statefun_delayed_messages_total", "Delayed messages sent by succeeded batches.") { [([], $0.delayed)] }
        counter("statefun_cancellations_total", "Delayed-message cancellations sent by succeeded batches.") {
            [([], $0.cancellations)]
        }
        counter("statefun_egress_records_total", "Egress records sent by succeeded batches, by egress.") { t in
            zip(t.egress, t.egressCounts).map { ([.init("egress", $0.description)], $1) }
        }
        histogram("statefun_batch_size", "Invocations per batch.") { $0.batchSize }
        histogram("statefun_batch_duration_seconds", "Time from a batch's decoding to its encoded answer.") { $0.duration }
        histogram("statefun_request_bytes", "Request body sizes.") { $0.requestBytes }
        histogram("statefun_response_bytes", "Response body sizes of succeeded batches.") { $0.responseBytes }
        registry.addCollector("statefun_inflight_batches", help: "Batches running now.", kind: .gauge) { [self] in
            let ended = tallies.withLock { $0.ended }
            return [.init(labels: [f], value: .number(Double(Int64(bitPattern: begun.load(ordering: .relaxed) &- ended))))]
        }
    }
}
