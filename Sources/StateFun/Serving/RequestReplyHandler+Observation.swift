extension RequestReplyHandler {
    /// The run loop when a probe asked for invocation events: each invocation is timed and reported, begin and
    /// end, with its caller and message typename. Kept apart so the plain loops read no clock per message.
    static func runObserved<Invocations: BatchInvocations>(
        _ registered: RegisteredFunction, _ context: Context, _ invocations: inout Invocations,
        _ observation: BatchObservation, _ maxEffectBytes: Int
    ) async throws(StateFunError) {
        let probe = registered.probe
        for i in 0..<invocations.count {
            let message = invocations.prepare(i, in: context)
            let caller = context.caller
            let began = observation.invocationBegan(
                probe, i, caller: caller, typeName: message.typeName, metadata: message.metadata)
            do {
                if registered.isSynchronous {
                    try registered.definition.dispatchSynchronously(context, message)
                } else {
                    try await registered.definition.dispatch(context, message)
                }
            } catch {
                let failure = handlerFailed(registered.definition.typeName, context, error)
                observation.invocationEnded(
                    probe, i, caller: caller, typeName: message.typeName, metadata: message.metadata, since: began,
                    error: failure)
                context.noteFailure(at: i, typeName: message.typeName)
                throw failure
            }
            observation.invocationEnded(
                probe, i, caller: caller, typeName: message.typeName, metadata: message.metadata, since: began, error: nil)
            try checkEffects(context, maxEffectBytes)
        }
    }
}
