import StateFunProtocol

// The embedded runtime's side of 3.x (the testing library's too): requests carry typed state values and
// `TypedValue` arguments with their metadata; an answer may ask for states with an `IncompleteInvocationContext`.
extension TypedValueCodec {
    /// The typename the 3.x runtime registers a state under when the SDK gave none.
    package static let unsetStateType = "io.statefun.types/unset"

    package static func request(target: Address, states: [StateSlot], invocations: [Envelope]) -> [UInt8] {
        let batch = ToFunctionV3.InvocationBatchRequest(
            target: target,
            state: states.map { slot in
                .init(
                    stateName: slot.name,
                    stateValue: slot.bytes.map { TypedValue(typename: slot.typeName, hasValue: true, value: $0) })
            },
            invocations: invocations.map { envelope in
                .init(
                    caller: envelope.caller,
                    argument: TypedValue(
                        typename: envelope.message.typeName, hasValue: envelope.message.bytes != nil,
                        value: envelope.message.bytes ?? [],
                        metadata: envelope.message.metadata.map {
                            TypedValue.Metadata(key: $0.key, value: $0.value ?? [], hasValue: $0.value != nil)
                        }))
            })
        return ToFunctionV3(invocation: batch).serialized(capacity: 256)
    }

    package static func response(_ bytes: [UInt8]) throws(RuntimeError) -> BatchResponse {
        let answer: FromFunctionV3
        do {
            answer = try FromFunctionV3(serialized: bytes)
        } catch {
            throw .malformedResponse(error.description)
        }
        switch answer.response {
        case .incompleteInvocationContext(let context)?:
            return .missingStates(context.missingValues.map(registration))
        case .invocationResult(let result)?:
            return .effects(effects(result))
        case nil:
            return .effects(BatchEffects())
        }
    }

    /// A state is sent typed: with the seeded message's own typename (`declared` when there is no value).
    package static func stateSlot(_ name: String, declared: String, _ value: Message?) -> StateSlot {
        guard let value, let bytes = value.bytes else { return StateSlot(name: name, typeName: declared, bytes: nil) }
        return StateSlot(name: name, typeName: value.typeName, bytes: bytes)
    }

    package static func stateMessage(typeName: String, bytes: [UInt8]) -> Message {
        Message(typeName: typeName, bytes: bytes)
    }

    /// The registration a 3.x `PersistedValueSpec` asks for.
    private static func registration(_ spec: FromFunctionV3.PersistedValueSpec) -> StateRegistration {
        let millis = spec.expirationSpec?.expireAfterMillis ?? 0
        let expiration: Expiration
        switch spec.expirationSpec?.mode {
        case FromFunctionV3.ExpirationSpec.ExpireMode.afterWrite.rawValue?: expiration = .afterWrite(.milliseconds(millis))
        case FromFunctionV3.ExpirationSpec.ExpireMode.afterInvoke.rawValue?: expiration = .afterCall(.milliseconds(millis))
        default: expiration = .none
        }
        let type = spec.typeTypename.isEmpty ? unsetStateType : spec.typeTypename
        return StateRegistration(name: spec.stateName, typeName: type, expiration: expiration)
    }

    private static func effects(_ result: FromFunctionV3.InvocationResponse) -> BatchEffects {
        func message(_ value: TypedValue?) -> Message {
            let value = value ?? TypedValue()
            // The fork's runtime passes a sent message's TypedValue on as it is, metadata included
            // (RequestReplyFunction.handleOutgoingMessages): so does the local runtime.
            return Message(
                typeName: value.typename, payload: value.hasValue ? value.value[...] : nil,
                metadata: value.metadata.map { MetadataEntry(key: $0.key, value: $0.hasValue ? $0.value : nil) })
        }
        var effects = BatchEffects()
        effects.mutations = result.stateMutations.map {
            .init(
                mutationType: $0.mutationType, name: $0.stateName, typeName: $0.stateValue?.typename ?? "",
                bytes: $0.stateValue?.value ?? [])
        }
        effects.outgoing = result.outgoingMessages.map { .init(target: $0.target, message: message($0.argument)) }
        effects.delayed = result.delayedInvocations.map {
            .init(
                target: $0.target, message: $0.isCancellationRequest ? nil : message($0.argument),
                delayInMs: $0.delayInMs, isCancellation: $0.isCancellationRequest,
                cancellationToken: $0.cancellationToken)
        }
        effects.egresses = result.outgoingEgresses.map {
            .init(egress: TypeName(namespace: $0.egressNamespace, name: $0.egressType), message: message($0.argument))
        }
        return effects
    }
}
