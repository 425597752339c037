import StateFunProtocol

// The embedded runtime's side of 2.x (the testing library's too): requests carry `Any` arguments and state
// values as opaque bytes (a serialized `Any`); an answer has no `IncompleteInvocationContext`.
extension AnyCodec {
    package static func request(target: Address, states: [StateSlot], invocations: [Envelope]) -> [UInt8] {
        let batch = ToFunctionV2.InvocationBatchRequest(
            target: target,
            state: states.map { .init(stateName: $0.name, stateValue: $0.bytes.map(StateBytes.init)) },
            invocations: invocations.map { envelope in
                .init(
                    caller: envelope.caller,
                    argument: AnyValue(typeURL: envelope.message.typeName, value: envelope.message.bytes ?? []))
            })
        return ToFunctionV2(invocation: batch).serialized(capacity: 256)
    }

    package static func response(_ bytes: [UInt8]) throws(RuntimeError) -> BatchResponse {
        let answer: FromFunctionV2
        do {
            answer = try FromFunctionV2(serialized: bytes)
        } catch {
            throw .malformedResponse(error.description)
        }
        switch answer.response {
        case .incompleteInvocationContext?:
            throw .malformedResponse("the 2.x protocol has no IncompleteInvocationContext (field 101)")
        case .invocationResult(let result)?:
            return .effects(effects(result))
        case nil:
            return .effects(BatchEffects())
        }
    }

    /// A state is sent as a serialized `Any` of the seeded message (`declared` is unused: 2.x states are untyped).
    package static func stateSlot(_ name: String, declared: String, _ value: Message?) -> StateSlot {
        guard let value, let bytes = value.bytes else { return StateSlot(name: name, typeName: declared, bytes: nil) }
        return StateSlot(name: name, typeName: "", bytes: AnyValue(typeURL: value.typeName, value: bytes).serialized())
    }

    /// A state value (a serialized `google.protobuf.Any`) as a message; bytes that are no `Any` are returned with
    /// an empty typename.
    package static func stateMessage(typeName: String, bytes: [UInt8]) -> Message {
        guard let any = try? AnyValue(serialized: bytes) else {
            return Message(typeName: "", bytes: bytes, protocolVersion: version)
        }
        return Message(typeName: any.typeURL, bytes: any.value, protocolVersion: version)
    }

    private static func effects(_ result: FromFunctionV2.InvocationResponse) -> BatchEffects {
        func message(_ value: AnyValue?) -> Message {
            let value = value ?? AnyValue()
            return Message(typeName: value.typeURL, bytes: value.value, protocolVersion: version)
        }
        var effects = BatchEffects()
        effects.mutations = result.stateMutations.map {
            .init(mutationType: $0.mutationType, name: $0.stateName, typeName: "", bytes: $0.stateValue?.bytes ?? [])
        }
        effects.outgoing = result.outgoingMessages.map { .init(target: $0.target, message: message($0.argument)) }
        effects.delayed = result.delayedInvocations.map {
            .init(
                target: $0.target, message: message($0.argument), delayInMs: $0.delayInMs, isCancellation: false,
                cancellationToken: "")
        }
        effects.egresses = result.outgoingEgresses.map {
            .init(egress: TypeName(namespace: $0.egressNamespace, name: $0.egressType), message: message($0.argument))
        }
        return effects
    }
}
