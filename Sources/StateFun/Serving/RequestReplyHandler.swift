/// Answers the runtime: `ToFunction` bytes in, `FromFunction` bytes out. Usable from any HTTP framework.
///
/// One call handles one batch for one address (`protocol.md` §4): the invocations run one after another
/// against one evolving state, and one response carries every effect: state mutations (written or deleted
/// states only), then messages, delayed messages and cancellations, and egress records, each in the order the
/// handlers produced them across the batch. If any handler throws, the call throws and nothing of the batch
/// is returned (the HTTP layer answers 500 and the runtime retries the batch).
///
/// On 3.x, when the runtime did not send a state the function declares, the answer is an
/// `IncompleteInvocationContext` listing every missing spec in declaration order, and no handler runs.
public struct RequestReplyHandler: Sendable {
    /// The protocol this handler speaks.
    public let protocolVersion: ProtocolVersion
    private let functions: [TypeName: FunctionDefinition]

    /// Creates a handler for `app`'s functions.
    public init(app: App, protocolVersion: ProtocolVersion = .v3) {
        self.protocolVersion = protocolVersion
        var functions: [TypeName: FunctionDefinition] = [:]
        // The first declaration of a type wins; duplicates are reported by App.validate().
        for function in app.model.functions where functions[function.typeName] == nil {
            functions[function.typeName] = function
        }
        self.functions = functions
    }

    /// Whether this handler serves functions of `typeName`.
    public func serves(_ typeName: TypeName) -> Bool { functions[typeName] != nil }

    /// Handles one request body.
    ///
    /// - Throws: ``StateFunError/malformedRequest(_:)`` when the bytes are no `ToFunction`,
    ///   ``StateFunError/unknownFunction(_:)`` for a type the app does not declare, and
    ///   ``StateFunError/handlerFailed(function:id:reason:)`` when a handler throws.
    public func handle(_ body: [UInt8]) async throws(StateFunError) -> [UInt8] {
        switch protocolVersion {
        case .v3: return try await handleV3(body)
        case .v2: return try await handleV2(body)
        }
    }

    private func lookUp(_ target: Address?) throws(StateFunError) -> (Address, FunctionDefinition) {
        guard let target, !target.isEmpty else {
            throw .malformedRequest("the invocation batch has no target address")
        }
        guard let function = functions[target.typeName] else { throw .unknownFunction(target.typeName) }
        return (target, function)
    }

    private func run(
        _ function: FunctionDefinition, _ context: Context, _ invocations: [(Address?, Message)]
    ) async throws(StateFunError) {
        for (caller, message) in invocations {
            context.caller = caller
            do {
                try await function.dispatch(context, message)
            } catch let error as StateFunError {
                throw .handlerFailed(function: function.typeName, id: context.address.id, reason: error.description)
            } catch {
                throw .handlerFailed(function: function.typeName, id: context.address.id, reason: "\(error)")
            }
        }
    }

    // MARK: - 3.x

    private func handleV3(_ body: [UInt8]) async throws(StateFunError) -> [UInt8] {
        let request: ToFunctionV3
        do {
            request = try ToFunctionV3(serialized: body)
        } catch {
            throw .malformedRequest(error.description)
        }
        guard let batch = request.invocation else {
            throw .malformedRequest("the ToFunction message has no invocation batch (field 100)")
        }
        let (target, function) = try lookUp(batch.target)

        // Resolve declared specs against what arrived (the last value for a name wins, as in a dict).
        var received: [String: TypedValue?] = [:]
        received.reserveCapacity(batch.state.count)
        for value in batch.state { received[value.stateName] = value.stateValue }
        var missing: [FromFunctionV3.PersistedValueSpec] = []
        var cells: [AddressScopedStorage.Cell] = []
        cells.reserveCapacity(function.specs.count)
        for spec in function.specs {
            guard let value = received[spec.name] else {
                missing.append(Self.persistedValueSpec(spec))
                continue
            }
            let raw = value.flatMap { $0.hasValue ? RawValue(typeName: $0.typename, bytes: $0.value) : nil }
            cells.append(.init(name: spec.name, spec: spec, value: raw, dirty: false, provided: true))
        }
        if !missing.isEmpty {
            let answer = FromFunctionV3(response: .incompleteInvocationContext(.init(missingValues: missing)))
            return answer.serialized()
        }

        let storage = AddressScopedStorage(function: function.typeName, protocolVersion: .v3, cells: cells)
        let context = Context(address: target, storage: storage, protocolVersion: .v3)
        let invocations = batch.invocations.map { invocation -> (Address?, Message) in
            let caller = invocation.caller.flatMap { $0.isEmpty ? nil : $0 }
            let argument = invocation.argument ?? TypedValue()
            return (caller, Message(typeName: argument.typename, bytes: argument.hasValue ? argument.value : nil))
        }
        try await run(function, context, invocations)

        var result = FromFunctionV3.InvocationResponse()
        for cell in storage.cells where cell.dirty {
            if let value = cell.value {
                result.stateMutations.append(
                    .init(mutationType: .modify, stateName: cell.name, stateValue: Self.typedValue(value)))
            } else {
                result.stateMutations.append(.init(mutationType: .delete, stateName: cell.name))
            }
        }
        result.outgoingMessages = context.outgoing.map { .init(target: $0.target, argument: Self.typedValue($0.message)) }
        result.delayedInvocations = context.delayed.map { delayed in
            if delayed.isCancellation {
                return .init(isCancellationRequest: true, cancellationToken: delayed.cancellationToken)
            }
            return .init(
                delayInMs: delayed.delayInMs, target: delayed.target, argument: delayed.message.map(Self.typedValue),
                cancellationToken: delayed.cancellationToken)
        }
        result.outgoingEgresses = context.egresses.map {
            .init(egressNamespace: $0.egress.namespace, egressType: $0.egress.name, argument: Self.typedValue($0.message))
        }
        return FromFunctionV3(response: .invocationResult(result)).serialized(capacity: 512)
    }

    package static func persistedValueSpec(_ spec: AnyValueSpec) -> FromFunctionV3.PersistedValueSpec {
        // The Python and Go SDKs always send an ExpirationSpec, empty for "no expiration".
        let expiration: FromFunctionV3.ExpirationSpec
        switch spec.expiration {
        case .none: expiration = .init()
        case .afterCall: expiration = .init(mode: .afterInvoke, expireAfterMillis: spec.expiration.milliseconds)
        case .afterWrite: expiration = .init(mode: .afterWrite, expireAfterMillis: spec.expiration.milliseconds)
        }
        return .init(stateName: spec.name, expirationSpec: expiration, typeTypename: spec.typeName.description)
    }

    private static func typedValue(_ raw: RawValue) -> TypedValue {
        TypedValue(typename: raw.typeName, hasValue: true, value: raw.bytes)
    }

    private static func typedValue(_ message: Message) -> TypedValue {
        TypedValue(typename: message.typeName, hasValue: message.bytes != nil, value: message.bytes ?? [])
    }

    // MARK: - 2.x

    private func handleV2(_ body: [UInt8]) async throws(StateFunError) -> [UInt8] {
        let request: ToFunctionV2
        do {
            request = try ToFunctionV2(serialized: body)
        } catch {
            throw .malformedRequest(error.description)
        }
        guard let batch = request.invocation else {
            throw .malformedRequest("the ToFunction message has no invocation batch (field 100)")
        }
        let (target, function) = try lookUp(batch.target)

        // 2.x: the runtime sends every state module.yaml lists, in its order; state bytes are a serialized Any.
        // Mutations come back in that order (the Python 2.2 SDK iterates its dict of received states).
        var cells: [AddressScopedStorage.Cell] = []
        var position: [String: Int] = [:]
        for value in batch.state {
            var raw: RawValue?
            if let bytes = value.stateValue?.bytes, !bytes.isEmpty {
                do {
                    let any = try AnyValue(serialized: bytes)
                    raw = RawValue(typeName: any.typeURL, bytes: any.value)
                } catch {
                    throw .malformedRequest("state '\(value.stateName)' is not a serialized google.protobuf.Any: \(error)")
                }
            }
            if let i = position[value.stateName] {
                cells[i].value = raw
            } else {
                position[value.stateName] = cells.count
                let spec = function.specs.first { $0.name == value.stateName }
                cells.append(.init(name: value.stateName, spec: spec, value: raw, dirty: false, provided: true))
            }
        }
        for spec in function.specs where position[spec.name] == nil {
            cells.append(.init(name: spec.name, spec: spec, value: nil, dirty: false, provided: false))
        }

        let storage = AddressScopedStorage(function: function.typeName, protocolVersion: .v2, cells: cells)
        let context = Context(address: target, storage: storage, protocolVersion: .v2)
        let invocations = batch.invocations.map { invocation -> (Address?, Message) in
            let caller = invocation.caller.flatMap { $0.isEmpty ? nil : $0 }
            let argument = invocation.argument ?? AnyValue()
            return (caller, Message(typeName: argument.typeURL, bytes: argument.value, protocolVersion: .v2))
        }
        try await run(function, context, invocations)

        var result = FromFunctionV2.InvocationResponse()
        for cell in storage.cells where cell.dirty {
            if let value = cell.value {
                let any = AnyValue(typeURL: value.typeName, value: value.bytes)
                result.stateMutations.append(
                    .init(mutationType: .modify, stateName: cell.name, stateValue: StateBytes(any.serialized())))
            } else {
                result.stateMutations.append(.init(mutationType: .delete, stateName: cell.name))
            }
        }
        result.outgoingMessages = context.outgoing.map { .init(target: $0.target, argument: Self.anyValue($0.message)) }
        result.delayedInvocations = context.delayed.map {
            .init(delayInMs: $0.delayInMs, target: $0.target, argument: $0.message.map(Self.anyValue))
        }
        result.outgoingEgresses = context.egresses.map {
            .init(egressNamespace: $0.egress.namespace, egressType: $0.egress.name, argument: Self.anyValue($0.message))
        }
        return FromFunctionV2(response: .invocationResult(result)).serialized(capacity: 512)
    }

    private static func anyValue(_ message: Message) -> AnyValue {
        AnyValue(typeURL: message.typeName, value: message.bytes ?? [])
    }
}
