import Synchronization

/// One batch being watched: begun by ``RegisteredFunction/observe(_:_:_:_:)`` when the function has
/// instrumentation, ended exactly once (``RegisteredFunction`` `answered`, `askedForStates` or `failed`).
///
/// A few words kept in the batch's ``Context`` as a constant: watching a batch for the built-in metrics allocates
/// nothing, and an unwatched batch pays one `nil` check where it begins and ends. What only the app's probes need
/// is in ``Details``, made only then; what the run loops note about a failing or skipped invocation goes to the
/// context's ``Notes`` (cold path only).
package struct BatchObservation {
    /// When the batch began (``MonotonicClock``, nanoseconds).
    let start: UInt64
    /// Invocations the batch carries.
    let size: Int
    /// The request's size in bytes.
    let requestBytes: Int
    /// The app's probes' event; `nil` for a batch only the built-in metrics watch.
    let details: Details?

    /// What only the app's probes need, by reference (the observation stays a few words).
    final class Details {
        /// The batch as the app's probes see it.
        let event: BatchEvent
        /// Whether a probe asked for the invocation events (the run loop then takes the observed path).
        let observesInvocations: Bool

        init(event: BatchEvent, observesInvocations: Bool) {
            self.event = event
            self.observesInvocations = observesInvocations
        }
    }

    /// What the run loops note about a watched batch's invocations (``Context/noteFailure(at:typeName:)``).
    final class Notes {
        /// The invocation that failed and its message's typename.
        var failedIndex = -1
        var failedTypeName = ""
        /// Invocations the failure policy dead-lettered or discarded.
        var skipped: [FailureReport] = []
    }

    /// A number per batch of the process, pairing begin and end events.
    private static let sequence = Atomic<UInt64>(0)

    init(start: UInt64, size: Int, requestBytes: Int, event: BatchEvent?, observesInvocations: Bool) {
        self.start = start
        self.size = size
        self.requestBytes = requestBytes
        details = event.map { Details(event: $0, observesInvocations: observesInvocations) }
    }

    /// The batch as the app's probes see it; `nil` when only the built-in metrics watch.
    var event: BatchEvent? { details?.event }
    /// Whether a probe asked for the invocation events.
    var observesInvocations: Bool { details?.observesInvocations ?? false }

    /// The next batch's number.
    static func nextSequence() -> UInt64 {
        sequence.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// The failure report of a batch that failed with `error`: at the invocation `notes` name, or at the last
    /// one when none was noted (the batch failed around its invocations, e.g. an answer over its limit).
    func failureReport(_ error: StateFunError, _ notes: Notes?) -> FailureReport {
        let failedIndex = notes?.failedIndex ?? -1
        return FailureReport(
            invocationIndex: failedIndex >= 0 ? failedIndex : max(0, size - 1),
            messageTypeName: notes?.failedTypeName ?? "", error: Self.message(error),
            kind: FailureClassification.kind(of: error), action: .retry)
    }

    /// The error as an operator reads it: a handler's own error without the wrapper's function and id (the
    /// log line names them already).
    static func message(_ error: StateFunError) -> String {
        if case .handlerFailed(_, _, let underlying) = error { return String(describing: underlying) }
        return error.description
    }

    // MARK: - Invocations (only when a probe observes them)

    func invocationBegan(
        _ probe: (any FunctionProbe)?, _ index: Int, caller: Address?, typeName: String, metadata: [MetadataEntry]
    ) -> ContinuousClock.Instant {
        if let probe, let event { probe.invocationBegan(invocationEvent(event, index, caller, typeName, metadata)) }
        return .now
    }

    func invocationEnded(
        _ probe: (any FunctionProbe)?, _ index: Int, caller: Address?, typeName: String, metadata: [MetadataEntry],
        since began: ContinuousClock.Instant, error: StateFunError?, action: FailureReport.Action = .retry
    ) {
        guard let probe, let event else { return }
        let failure = error.map { error in
            FailureReport(
                invocationIndex: index, messageTypeName: typeName, error: Self.message(error),
                kind: FailureClassification.kind(of: error), action: action)
        }
        probe.invocationEnded(
            invocationEvent(event, index, caller, typeName, metadata),
            InvocationOutcome(duration: .now - began, failure: failure))
    }

    private func invocationEvent(
        _ event: BatchEvent, _ index: Int, _ caller: Address?, _ typeName: String, _ metadata: [MetadataEntry]
    ) -> InvocationEvent {
        InvocationEvent(
            batchSequence: event.sequence, function: event.function, id: event.id, index: index, caller: caller,
            messageTypeName: typeName, metadata: metadata)
    }
}
