/// A function as the handler keeps it: shared by reference, so finding it and handing it through a batch copies
/// one pointer, not its arrays and closures.
final class RegisteredFunction: Sendable {
    let definition: FunctionDefinition
    /// Whether every handler is synchronous (decided once).
    let isSynchronous: Bool
    /// Whether the failure policy skips permanently failing invocations (``FailurePolicy/discard`` or
    /// ``FailurePolicy/deadLetter(_:)``): their batches take the loop that can undo one invocation.
    let skipsPermanentFailures: Bool
    /// The built-in metrics' probe, called directly with plain numbers (``FunctionMetricsProbe``); nil without
    /// ``MetricsInstrumentation``.
    let metrics: FunctionMetricsProbe?
    /// Every other probe of the instrumentation (the log, the app's own), called through ``FunctionProbe``; nil
    /// when there is none.
    let probe: (any FunctionProbe)?
    /// Whether anything watches this function's batches.
    let isObserved: Bool
    /// Whether a probe asked for the invocation events (read once: asking the existential per batch showed).
    let observesInvocations: Bool
    /// What the function declares it sends to (checked by its contexts); nil when it declares nothing.
    let routing: DeclaredRouting?
    /// The UTF-8 of the typename's namespace and name, to recognise a 3.x batch's target by its bytes
    /// (``RequestReplyHandler/lookUp(_:)-(ReceivedInvocations)``), when ``matchesTargetBytes``: not for a
    /// typename written without a `/`, which no target matches as bytes do. Two plain arrays, read in place (an
    /// optional pair was copied, two retains, per batch).
    let namespaceUTF8: [UInt8]
    let nameUTF8: [UInt8]
    let matchesTargetBytes: Bool
    /// The function's one handler when it has no typed handlers and a synchronous ``Otherwise``: the run loop
    /// then calls it directly, the closure taken once per batch instead of copied out of the definition (a
    /// reference count) per invocation.
    let soleSynchronousBody: (@Sendable (Context, Message) throws -> Void)?

    init(_ definition: FunctionDefinition, probe: (any FunctionProbe)?) {
        self.definition = definition
        isSynchronous = definition.isSynchronous
        skipsPermanentFailures = definition.failurePolicy != .retry
        (metrics, self.probe) = Self.split(probe)
        isObserved = probe != nil
        observesInvocations = self.probe?.observesInvocations ?? false
        routing = DeclaredRouting(definition)
        let typeName = definition.typeName
        if definition.handlers.isEmpty, case .sync(let body)? = definition.otherwise {
            soleSynchronousBody = body
        } else {
            soleSynchronousBody = nil
        }
        matchesTargetBytes = typeName.isValid
        namespaceUTF8 = Array(typeName.namespace.utf8)
        nameUTF8 = Array(typeName.name.utf8)
    }
}
