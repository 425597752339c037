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
    package func message(_ i: Int) -> Message {
        let typeName = batch.typeName(i)
        let payload = batch.payload(i)
        guard batch.invocations[i].metadata.isEmpty else {
            let metadata = batch.metadata(i).map { MetadataEntry(key: $0.key, value: $0.value.map { Array($0) }) }
            return Message(typeName: typeName, payload: payload, metadata: metadata)
        }
        return Message(typeName: typeName, payload: payload)
    }

    /// Sets `caller` to the caller of invocation `i` (written in place: no copy of the address on its way).
    package mutating func caller(_ i: Int, into caller: inout Address?) {
        let position = batch.invocations[i]
        guard position.hasCaller else {
            caller = nil
            return
        }
        let parts = position.caller
        let id = batch.text(parts.id)
        if position.callerTypeSource == previousCallerTypeSource, let typeName = previousCallerTypeName {
            caller = Address(typeName, id: id)
            return
        }
        let typeName = TypeName(namespace: batch.text(parts.namespace), name: batch.text(parts.type))
        previousCallerTypeName = typeName
        previousCallerTypeSource = position.callerTypeSource
        caller = Address(typeName, id: id)
    }

    private func address(_ parts: ReceivedBatch.AddressRanges) -> Address {
        Address(TypeName(namespace: batch.text(parts.namespace), name: batch.text(parts.type)), id: batch.text(parts.id))
    }
}

extension ReceivedInvocations: BatchInvocations {
    var count: Int { batch.invocations.count }

    mutating func prepare(_ i: Int, in context: Context) -> Message {
        caller(i, into: &context.currentCaller)
        return message(i)
    }
}
