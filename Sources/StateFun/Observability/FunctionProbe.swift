/// What an ``Instrumentation`` observes of one function type: its batches and, if it asks, its invocations.
///
/// For one batch the calls come in this order, from the task running it: ``batchBegan(_:)``, then for each
/// invocation ``invocationBegan(_:)`` and ``invocationEnded(_:_:)`` (only when ``observesInvocations``), then
/// ``batchEnded(_:_:)`` exactly once, whatever the outcome. A batch answered with the missing-state handshake
/// ends with ``BatchOutcome/Status-swift.enum/incompleteContext`` and has no invocation events.
public protocol FunctionProbe: Sendable {
    /// Whether to call the invocation events. When no probe of a batch wants them, the handler reads no clock
    /// per invocation (the hot path stays as it is); the default is `false`.
    var observesInvocations: Bool { get }

    /// A batch is about to run. The default does nothing.
    func batchBegan(_ batch: BatchEvent)

    /// A batch has been answered (or failed), `outcome` says how.
    func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome)

    /// An invocation of the batch is about to run. The default does nothing.
    func invocationBegan(_ invocation: InvocationEvent)

    /// An invocation has run; `outcome` says whether it succeeded. The default does nothing.
    func invocationEnded(_ invocation: InvocationEvent, _ outcome: InvocationOutcome)
}

extension FunctionProbe {
    /// No invocation events.
    public var observesInvocations: Bool { false }

    /// Does nothing.
    public func batchBegan(_ batch: BatchEvent) {}

    /// Does nothing.
    public func invocationBegan(_ invocation: InvocationEvent) {}

    /// Does nothing.
    public func invocationEnded(_ invocation: InvocationEvent, _ outcome: InvocationOutcome) {}
}
