package import StateFunProtocol
/// A message in a mailbox or a batch: what was sent and by whom (`nil`: an ingress or an injected message).
package struct Envelope: Sendable, Equatable {
    package var caller: Address?
    package var message: Message

    package init(caller: Address?, message: Message) {
        self.caller = caller
        self.message = message
    }
}

/// A state as the runtime registered it for a function type: its name, typename and expiration.
package struct StateRegistration: Sendable, Equatable {
    package var name: String
    /// The registered typename (3.x; `io.statefun.types/unset` when the SDK sent none); empty on 2.x, where state
    /// values are opaque bytes.
    package var typeName: String
    package var expiration: Expiration

    package init(name: String, typeName: String, expiration: Expiration) {
        self.name = name
        self.typeName = typeName
        self.expiration = expiration
    }
}

/// A state value in a request: the registered typename and the stored bytes, or `nil` (registered, empty).
package struct StateSlot: Sendable {
    package var name: String
    package var typeName: String
    package var bytes: [UInt8]?

    package init(name: String, typeName: String, bytes: [UInt8]?) {
        self.name = name
        self.typeName = typeName
        self.bytes = bytes
    }
}

/// The effects of a batch, independent of the protocol version.
package struct BatchEffects: Sendable {
    package struct Mutation: Sendable {
        package var mutationType: Int32
        package var name: String
        package var typeName: String
        package var bytes: [UInt8]
    }

    package struct Outgoing: Sendable {
        package var target: Address?
        package var message: Message
    }

    package struct Delayed: Sendable {
        package var target: Address?
        package var message: Message?
        package var delayInMs: Int64
        package var isCancellation: Bool
        package var cancellationToken: String
    }

    package struct Egress: Sendable {
        package var egress: TypeName
        package var message: Message
    }

    package var mutations: [Mutation] = []
    package var outgoing: [Outgoing] = []
    package var delayed: [Delayed] = []
    package var egresses: [Egress] = []
}

/// A function's answer, independent of the protocol version.
package enum BatchResponse: Sendable {
    /// 3.x `IncompleteInvocationContext`: the states the function needs registered first.
    case missingStates([StateRegistration])
    /// The effects (an answer with neither field set has none).
    case effects(BatchEffects)
}

/// Encodes requests and decodes answers of either protocol version, for the local runtime and the testing
/// library.
package enum InvocationCodec {
    /// The typename the 3.x runtime registers a state under when the SDK gave none.
    package static let unsetStateType = "io.statefun.types/unset"

    /// A serialized `ToFunction` for `target` carrying `states` and `invocations`.
    package static func request(
        _ version: ProtocolVersion, target: Address, states: [StateSlot], invocations: [Envelope]
    ) -> [UInt8] {
        switch version {
        case .v3:
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
        case .v2:
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
    }

    /// Decodes a serialized `FromFunction`.
    package static func response(_ version: ProtocolVersion, _ bytes: [UInt8]) throws(RuntimeError) -> BatchResponse {
        switch version {
        case .v3:
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
        case .v2:
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
    }

    /// The registration a 3.x `PersistedValueSpec` asks for.
    package static func registration(_ spec: FromFunctionV3.PersistedValueSpec) -> StateRegistration {
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

    private static func effects(_ result: FromFunctionV2.InvocationResponse) -> BatchEffects {
        func message(_ value: AnyValue?) -> Message {
            let value = value ?? AnyValue()
            return Message(typeName: value.typeURL, bytes: value.value, protocolVersion: .v2)
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

    /// A 2.x state value (a serialized `google.protobuf.Any`) as a message; bytes that are no `Any` are returned
    /// with an empty typename.
    package static func v2StateMessage(_ bytes: [UInt8]) -> Message {
        guard let any = try? AnyValue(serialized: bytes) else {
            return Message(typeName: "", bytes: bytes, protocolVersion: .v2)
        }
        return Message(typeName: any.typeURL, bytes: any.value, protocolVersion: .v2)
    }
}
