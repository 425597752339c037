package import StateFunProtocol

/// A 3.x request as the SDK uses it: the protocol layer's ``ReceivedBatch`` (byte ranges and slices of the body)
/// made into ``Address``es, ``Message``s and ``RawValue``s, each when it is needed.
package struct ReceivedInvocations {
    package private(set) var batch: ReceivedBatch
    /// The caller typename ``caller(_:into:)`` made last, and the ``ReceivedBatch/InvocationPosition/callerTypeSource``
    /// it was made for: reused for every caller of that source (the same namespace and type bytes).
    private var previousCallerTypeName: TypeName?
    private var previousCallerTypeSource = -1

    package init(_ batch: ReceivedBatch) {
        self.batch = batch
    }

    /// The batch's target, when it has one.
    package var target: Address? {
        batch.target.map { address($0) }
    }

    /// The value the runtime sent for the state `name`, `nil` when it sent none or the state has no value (the
    /// last occurrence of a name wins).
    package func stateValue(named name: String) -> RawValue? {
        guard let i = batch.stateIndex(of: name), let value = batch.states[i].value else { return nil }
        return RawValue(typeName: value.typeName, bytes: value.bytes)
    }

    /// The message of invocation `i`.
    @inline(__always)
    package func message(_ i: Int) -> Message {
        guard batch.invocations[i].metadata.isEmpty else { return messageWithMetadata(i) }
        return Message(typeName: batch.typeName(i), payload: batch.payload(i))
    }

    /// ``message(_:)`` for an argument with the fork's metadata (never from upstream's runtimes): apart, so the
    /// usual case stays small enough to be inlined into the run loop.
    @inline(never)
    private func messageWithMetadata(_ i: Int) -> Message {
        let metadata = batch.metadata(i).map { MetadataEntry(key: $0.key, value: $0.value.map { Array($0) }) }
        return Message(typeName: batch.typeName(i), payload: batch.payload(i), metadata: metadata)
    }

    /// Sets `caller` to the caller of invocation `i` (written in place: no copy of the address on its way).
    package mutating func caller(_ i: Int, into caller: inout Address?) {
        // Field by field, not a copy of the whole position (see ReceivedBatch.typeName(_:)).
        guard batch.invocations[i].hasCaller else {
            caller = nil
            return
        }
        let source = batch.invocations[i].callerTypeSource
        let id = batch.text(batch.invocations[i].caller.id)
        if source == previousCallerTypeSource, let typeName = previousCallerTypeName {
            caller = Address(typeName, id: id)
            return
        }
        let parts = batch.invocations[i].caller
        let typeName = TypeName(namespace: batch.text(parts.namespace), name: batch.text(parts.type))
        previousCallerTypeName = typeName
        previousCallerTypeSource = source
        caller = Address(typeName, id: id)
    }

    private func address(_ parts: ReceivedBatch.AddressRanges) -> Address {
        Address(TypeName(namespace: batch.text(parts.namespace), name: batch.text(parts.type)), id: batch.text(parts.id))
    }
}

extension ReceivedInvocations: BatchInvocations {
    var count: Int { batch.invocations.count }

    @inline(__always)
    mutating func prepare(_ i: Int, in context: Context) -> Message {
        caller(i, into: &context.currentCaller)
        return nextMessage(i)
    }

    /// ``message(_:)``, reading `self` in place: a non-mutating call from here made a copy of the whole adapter
    /// first (152 bytes through memcpy, per invocation), only to read two fields of it.
    @inline(__always)
    private mutating func nextMessage(_ i: Int) -> Message {
        guard batch.invocations[i].metadata.isEmpty else { return messageWithMetadata(i) }
        return Message(typeName: batch.typeName(i), payload: batch.payload(i))
    }

    func typeName(_ i: Int) -> String { batch.typeName(i) }
}
