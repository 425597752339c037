/// A function as the handler keeps it: shared by reference, so finding it and handing it through a batch copies
/// one pointer, not its arrays and closures.
final class RegisteredFunction: Sendable {
    let definition: FunctionDefinition
    /// Whether every handler is synchronous (decided once).
    let isSynchronous: Bool
    /// Whether the failure policy skips permanently failing invocations (``FailurePolicy/discard`` or
    /// ``FailurePolicy/deadLetter(_:)``): their batches take the loop that can undo one invocation.
    let skipsPermanentFailures: Bool
    /// The instrumentation's probe for this function; nil without instrumentation.
    let probe: (any FunctionProbe)?
    /// What the function declares it sends to (checked by its contexts); nil when it declares nothing.
    let routing: DeclaredRouting?
    /// The UTF-8 of the typename's namespace and name, to recognise a 3.x batch's target by its bytes
    /// (``RequestReplyHandler/lookUp(_:)-(ReceivedInvocations)``); nil for a typename written without a `/`,
    /// which no target matches as bytes do.
    let typeNameUTF8: (namespace: [UInt8], name: [UInt8])?

    init(_ definition: FunctionDefinition, probe: (any FunctionProbe)?) {
        self.definition = definition
        isSynchronous = definition.isSynchronous
        skipsPermanentFailures = definition.failurePolicy != .retry
        self.probe = probe
        routing = DeclaredRouting(definition)
        let typeName = definition.typeName
        typeNameUTF8 = typeName.isValid ? (Array(typeName.namespace.utf8), Array(typeName.name.utf8)) : nil
    }

    /// Begins watching a batch for `target` when there is a probe.
    @inline(__always)
    func observe(_ target: Address, _ size: Int, _ version: ProtocolVersion, _ requestBytes: Int) -> BatchObservation? {
        guard let probe else { return nil }
        return BatchObservation(
            probe: probe, target: target, size: size, protocolVersion: version, requestBytes: requestBytes)
    }
}
