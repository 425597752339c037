import StateFunHTTP
import StateFunProtocol

// How the handler watches a function's batches (issue 16): the built-in metrics are updated with plain numbers
// (the effect buffers' tally, one clock read at each end of the batch, one lock), every other probe gets the
// ``FunctionProbe`` events. Nothing here runs for a function nobody watches.

extension RegisteredFunction {
    /// The instrumentation's probe taken apart: the built-in metrics' own (a ``FunctionMetricsProbe``, alone or
    /// in a group), and the rest.
    static func split(_ probe: (any FunctionProbe)?) -> (FunctionMetricsProbe?, (any FunctionProbe)?) {
        if let metrics = probe as? FunctionMetricsProbe { return (metrics, nil) }
        guard let group = probe as? InstrumentationGroup.GroupProbe,
            let i = group.probes.firstIndex(where: { $0 is FunctionMetricsProbe }),
            let metrics = group.probes[i] as? FunctionMetricsProbe
        else { return (nil, probe) }
        var rest = group.probes
        rest.remove(at: i)
        switch rest.count {
        case 0: return (metrics, nil)
        case 1: return (metrics, rest[0])
        default: return (metrics, InstrumentationGroup.GroupProbe(probes: rest))
        }
    }

    /// Begins watching a batch for `target`; `nil` when nothing watches this function.
    @inline(__always)
    func observe(_ target: Address, _ size: Int, _ version: ProtocolVersion, _ requestBytes: Int) -> BatchObservation? {
        guard isObserved else { return nil }
        return begin(target, size, version, requestBytes)
    }

    private func begin(_ target: Address, _ size: Int, _ version: ProtocolVersion, _ requestBytes: Int)
        -> BatchObservation
    {
        metrics?.batchBegan()
        var event: BatchEvent?
        if let probe {
            let began = BatchEvent(
                sequence: BatchObservation.nextSequence(), function: target.typeName, id: target.id, size: size,
                protocolVersion: version, requestBytes: requestBytes)
            probe.batchBegan(began)
            event = began
        }
        return BatchObservation(
            start: MonotonicClock.now(), size: size, requestBytes: requestBytes, event: event,
            observesInvocations: observesInvocations)
    }

    /// The batch was answered with `answer`, whose effects `context` wrote.
    func answered(_ observation: BatchObservation, _ answer: [UInt8], _ context: Context) {
        let nanoseconds = MonotonicClock.now() &- observation.start
        let skipped = context.notes?.skipped
        metrics?.recordSuccess(
            size: observation.size, requestBytes: observation.requestBytes, responseBytes: answer.count,
            nanoseconds: nanoseconds, effects: &context.effects, skipped: skipped)
        guard let event = observation.details?.event, let probe else { return }
        EffectTally.read(&context.effects) { tally, egressBytes in
            probe.batchEnded(
                event,
                BatchOutcome(
                    status: .success, duration: .nanoseconds(Int64(clamping: nanoseconds)),
                    skippedInvocations: skipped ?? [], effects: Self.effectCounts(tally, egressBytes),
                    responseBytes: answer.count))
        }
    }

    /// The batch was answered with the missing-state handshake (`answer`) for the states named `missing`.
    func askedForStates(_ observation: BatchObservation, missing: [String], _ answer: [UInt8]) {
        let nanoseconds = MonotonicClock.now() &- observation.start
        metrics?.recordIncompleteContext(
            size: observation.size, requestBytes: observation.requestBytes, nanoseconds: nanoseconds)
        if let event = observation.details?.event, let probe {
            probe.batchEnded(
                event,
                BatchOutcome(
                    status: .incompleteContext, duration: .nanoseconds(Int64(clamping: nanoseconds)),
                    missingStates: missing, responseBytes: answer.count))
        }
    }

    /// The batch failed with `error` (answered 500; the runtime retries it); `notes` are its context's, if it
    /// had one.
    func failed(_ observation: BatchObservation, _ error: StateFunError, _ notes: BatchObservation.Notes?) {
        let nanoseconds = MonotonicClock.now() &- observation.start
        let report = observation.failureReport(error, notes)
        metrics?.recordFailure(
            size: observation.size, requestBytes: observation.requestBytes, nanoseconds: nanoseconds,
            invocationIndex: report.invocationIndex, kind: report.kind)
        if let event = observation.details?.event, let probe {
            probe.batchEnded(
                event,
                BatchOutcome(status: .failure, duration: .nanoseconds(Int64(clamping: nanoseconds)), failure: report))
        }
    }

    /// The tally as the app's probes read it: egress records per egress typename.
    private static func effectCounts(_ tally: EffectTally, _ egressBytes: EffectTally.EgressBytes) -> EffectCounts {
        EffectCounts(
            messages: tally.messages, delayedMessages: tally.delayedMessages, cancellations: tally.cancellations,
            egressRecords: tally.egressCounts.map { count in
                (
                    TypeName(namespace: egressBytes.string(count.namespace), name: egressBytes.string(count.type)),
                    count.count
                )
            })
    }
}
