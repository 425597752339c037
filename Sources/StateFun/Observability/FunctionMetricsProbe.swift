import Synchronization

/// One function type's metrics: every batch counter and histogram under one lock, taken once when a batch ends.
package final class FunctionMetricsProbe: FunctionProbe {
    let function: TypeName
    private let begun = Atomic<UInt64>(0)
    private let tallies = Mutex(Tallies())

    struct Tallies {
        var batches = [UInt64](repeating: 0, count: BatchOutcome.Status.allCases.count)
        var invocations: UInt64 = 0
        var failures = [UInt64](repeating: 0, count: FailureReport.Kind.allCases.count)
        var deadLettered: UInt64 = 0
        var discarded: UInt64 = 0
        var missingState: UInt64 = 0
        var messages: UInt64 = 0
        var delayed: UInt64 = 0
        var cancellations: UInt64 = 0
        var egress: [(TypeName, UInt64)] = []
        var ended: UInt64 = 0
        var batchSize = HistogramValues(bounds: MetricsInstrumentation.batchSizeBuckets)
        var duration = HistogramValues(bounds: MetricsInstrumentation.durationBuckets)
        var requestBytes = HistogramValues(bounds: MetricsInstrumentation.byteBuckets)
        var responseBytes = HistogramValues(bounds: MetricsInstrumentation.byteBuckets)
    }

    init(function: TypeName) {
        self.function = function
    }

    package func batchBegan(_ batch: BatchEvent) {
        begun.wrappingAdd(1, ordering: .relaxed)
    }

    package func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
        let seconds = Double(outcome.duration.components.seconds)
            + Double(outcome.duration.components.attoseconds) * 1e-18
        tallies.withLock { t in
            t.ended &+= 1
            t.batches[Self.index(outcome.status)] &+= 1
            t.batchSize.observe(Double(batch.size))
            t.duration.observe(seconds)
            if batch.requestBytes > 0 { t.requestBytes.observe(Double(batch.requestBytes)) }
            if let failure = outcome.failure { t.failures[failure.kind == .permanent ? 0 : 1] &+= 1 }
            switch outcome.status {
            case .success:
                t.invocations &+= UInt64(batch.size)
                t.responseBytes.observe(Double(outcome.responseBytes))
                t.messages &+= UInt64(outcome.effects.messages)
                t.delayed &+= UInt64(outcome.effects.delayedMessages)
                t.cancellations &+= UInt64(outcome.effects.cancellations)
                for (egress, count) in outcome.effects.egressRecords {
                    if let i = t.egress.firstIndex(where: { $0.0 == egress }) {
                        t.egress[i].1 &+= UInt64(count)
                    } else {
                        t.egress.append((egress, UInt64(count)))
                    }
                }
                for skipped in outcome.skippedInvocations {
                    t.failures[0] &+= 1
                    if skipped.action == .discard { t.discarded &+= 1 } else { t.deadLettered &+= 1 }
                }
            case .failure:
                t.invocations &+= UInt64((outcome.failure?.invocationIndex ?? 0) + 1)
            case .incompleteContext:
                t.missingState &+= 1
            }
        }
    }

    private static func index(_ status: BatchOutcome.Status) -> Int {
        switch status {
        case .success: 0
        case .failure: 1
        case .incompleteContext: 2
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
            BatchOutcome.Status.allCases.map { status in ([.init("outcome", status.rawValue)], t.batches[Self.index(status)]) }
        }
        counter("statefun_invocations_total", "Invocations run (of succeeded batches, and of failed ones up to the failure).") {
            [([], $0.invocations)]
        }
        counter("statefun_invocation_failures_total", "Invocations that failed, by kind (permanent, transient).") { t in
            [([.init("kind", "permanent")], t.failures[0]), ([.init("kind", "transient")], t.failures[1])]
        }
        counter("statefun_skipped_invocations_total", "Permanently failed invocations skipped by the failure policy, by policy (dead_letter, discard).") { t in
            [([.init("policy", "dead_letter")], t.deadLettered), ([.init("policy", "discard")], t.discarded)]
        }
        counter("statefun_missing_state_total", "Batches answered with the missing-state handshake (3.x).") {
            [([], $0.missingState)]
        }
        counter("statefun_messages_sent_total", "Messages sent to functions by succeeded batches.") { [([], $0.messages)] }
        counter("statefun_delayed_messages_total", "Delayed messages sent by succeeded batches.") { [([], $0.delayed)] }
        counter("statefun_cancellations_total", "Delayed-message cancellations sent by succeeded batches.") {
            [([], $0.cancellations)]
        }
        counter("statefun_egress_records_total", "Egress records sent by succeeded batches, by egress.") { t in
            t.egress.map { ([.init("egress", $0.0.description)], $0.1) }
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
