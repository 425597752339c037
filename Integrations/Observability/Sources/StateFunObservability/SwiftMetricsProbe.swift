import CoreMetrics
import StateFun
import Synchronization

/// One function type's swift-metrics handles, counting exactly what the SDK's own `FunctionMetricsProbe` counts
/// (Docs/Operations.md, "Metrics"), so a dashboard reads the same numbers from either.
final class SwiftMetricsProbe: FunctionProbe {
    private let function: (String, String)
    private let factory: any MetricsFactory
    private let batches: [BatchOutcome.Status: Counter]
    private let invocations: Counter
    private let failures: [FailureReport.Kind: Counter]
    private let deadLettered: Counter
    private let discarded: Counter
    private let missingState: Counter
    private let messages: Counter
    private let delayedMessages: Counter
    private let cancellations: Counter
    private let egress = Mutex<[TypeName: Counter]>([:])
    private let batchSize: Recorder
    private let duration: CoreMetrics.Timer
    private let requestBytes: Recorder
    private let responseBytes: Recorder
    private let inflight: Meter

    init(function type: TypeName, factory: any MetricsFactory) {
        let function = ("function", type.description)
        self.function = function
        self.factory = factory
        func counter(_ label: String, _ more: [(String, String)] = []) -> Counter {
            Counter(label: label, dimensions: [function] + more, factory: factory)
        }
        var batches: [BatchOutcome.Status: Counter] = [:]
        for status in BatchOutcome.Status.allCases {
            batches[status] = counter("statefun_batches_total", [("outcome", status.rawValue)])
        }
        self.batches = batches
        invocations = counter("statefun_invocations_total")
        var failures: [FailureReport.Kind: Counter] = [:]
        for kind in FailureReport.Kind.allCases {
            failures[kind] = counter("statefun_invocation_failures_total", [("kind", kind.rawValue)])
        }
        self.failures = failures
        deadLettered = counter("statefun_skipped_invocations_total", [("policy", "dead_letter")])
        discarded = counter("statefun_skipped_invocations_total", [("policy", "discard")])
        missingState = counter("statefun_missing_state_total")
        messages = counter("statefun_messages_sent_total")
        delayedMessages = counter("statefun_delayed_messages_total")
        cancellations = counter("statefun_cancellations_total")
        batchSize = Recorder(label: "statefun_batch_size", dimensions: [function], factory: factory)
        duration = CoreMetrics.Timer(label: "statefun_batch_duration_seconds", dimensions: [function], factory: factory)
        requestBytes = Recorder(label: "statefun_request_bytes", dimensions: [function], factory: factory)
        responseBytes = Recorder(label: "statefun_response_bytes", dimensions: [function], factory: factory)
        inflight = Meter(label: "statefun_inflight_batches", dimensions: [function], factory: factory)
    }

    func batchBegan(_ batch: BatchEvent) {
        inflight.increment()
    }

    func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
        inflight.decrement()
        batches[outcome.status]?.increment()
        batchSize.record(batch.size)
        let (seconds, attoseconds) = outcome.duration.components
        duration.recordNanoseconds(seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
        if batch.requestBytes > 0 { requestBytes.record(batch.requestBytes) }
        if let failure = outcome.failure { failures[failure.kind]?.increment() }
        switch outcome.status {
        case .success:
            invocations.increment(by: batch.size)
            responseBytes.record(outcome.responseBytes)
            if outcome.effects.messages > 0 { messages.increment(by: outcome.effects.messages) }
            if outcome.effects.delayedMessages > 0 { delayedMessages.increment(by: outcome.effects.delayedMessages) }
            if outcome.effects.cancellations > 0 { cancellations.increment(by: outcome.effects.cancellations) }
            for (egress, count) in outcome.effects.egressRecords { egressCounter(egress).increment(by: count) }
            for skipped in outcome.skippedInvocations {
                failures[.permanent]?.increment()
                if skipped.action == .discard { discarded.increment() } else { deadLettered.increment() }
            }
        case .failure:
            // The invocations that ran: those before the failing one, and it.
            invocations.increment(by: (outcome.failure?.invocationIndex ?? 0) + 1)
        case .incompleteContext:
            missingState.increment()
        }
    }

    /// The counter of `egress`'s records, made the first time the egress appears.
    private func egressCounter(_ egress: TypeName) -> Counter {
        self.egress.withLock { counters in
            if let counter = counters[egress] { return counter }
            let counter = Counter(
                label: "statefun_egress_records_total", dimensions: [function, ("egress", egress.description)],
                factory: factory)
            counters[egress] = counter
            return counter
        }
    }
}
