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

    private func run<Invocations: Sequence>(
        _ function: FunctionDefinition, _ context: Context, _ invocations: Invocations
    ) async throws(StateFunError) where Invocations.Element == (Address?, Message) {
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

    /// A 3.x batch decoded straight into what the handler needs: no intermediate `ToFunction` values, since the
    /// request is decoded on every call (the same field semantics as ``ToFunctionV3``). Values stay slices of
    /// the request body: nothing is copied.
    private struct BatchV3 {
        /// `ToFunction.PersistedValue`: a state as the runtime sent it; `value == nil` when it has no value
        /// (no `state_value`, or `has_value = false`).
        struct ReceivedState {
            var name: String
            var value: RawValue?
        }

        var present = false
        var target: Address?
        var received: [ReceivedState] = []
        var invocations: [(Address?, Message)] = []

        init(_ body: [UInt8]) throws(WireError) {
            var reader = WireReader(body)
            while let tag = try reader.nextField() {
                guard tag.number == 100 else {
                    try reader.skip(tag)
                    continue
                }
                // The request oneof: the last occurrence wins, as with the message types.
                present = true
                target = nil
                received.removeAll(keepingCapacity: true)
                invocations.removeAll(keepingCapacity: true)
                invocations.reserveCapacity(16)
                try reader.readMessage(tag) { (batch: inout WireReader) throws(WireError) in
                    while let field = try batch.nextField() {
                        switch field.number {
                        case 1: target = try Address.read(field, from: &batch)
                        case 2: received.append(try Self.persistedValue(field, &batch))
                        case 3: invocations.append(try Self.invocation(field, &batch))
                        default: try batch.skip(field)
                        }
                    }
                }
            }
        }

        /// The value the runtime sent for `name`: `nil` when it sent none, `.some(nil)` when it sent the state
        /// without a value. The last occurrence wins, as in the SDKs' dictionaries.
        func value(of name: String) -> RawValue?? {
            for state in received.reversed() where state.name == name { return .some(state.value) }
            return nil
        }

        /// `PersistedValue{state_name=1, state_value=2}`.
        private static func persistedValue(_ tag: FieldTag, _ reader: inout WireReader) throws(WireError)
            -> ReceivedState
        {
            try reader.readMessage(tag) { (state: inout WireReader) throws(WireError) in
                var name = ""
                var value: RawValue?
                while let field = try state.nextField() {
                    switch field.number {
                    case 1: name = try state.readString(field)
                    case 2:
                        let typed = try typedValue(field, &state)
                        value = typed.hasValue ? RawValue(typeName: typed.typeName, bytes: typed.value) : nil
                    default: try state.skip(field)
                    }
                }
                return ReceivedState(name: name, value: value)
            }
        }

        /// `TypedValue{typename=1, has_value=2, value=3}`, the value a slice of the request.
        private static func typedValue(_ tag: FieldTag, _ reader: inout WireReader) throws(WireError)
            -> (typeName: String, hasValue: Bool, value: ArraySlice<UInt8>)
        {
            try reader.readMessage(tag) { (typed: inout WireReader) throws(WireError) in
                var typeName = ""
                var hasValue = false
                var value: ArraySlice<UInt8> = []
                while let field = try typed.nextField() {
                    switch field.number {
                    case 1: typeName = try typed.readString(field, interning: TypedValue.commonTypeNames)
                    case 2: hasValue = try typed.readBool(field)
                    case 3: value = try typed.readBytesSlice(field)
                    default: try typed.skip(field)
                    }
                }
                return (typeName, hasValue, value)
            }
        }

        /// `Invocation{caller=1, argument=2}`: the caller (none when absent or all-empty) and the argument.
        private static func invocation(_ tag: FieldTag, _ reader: inout WireReader) throws(WireError)
            -> (Address?, Message)
        {
            try reader.readMessage(tag) { (invocation: inout WireReader) throws(WireError) in
                var caller: Address?
                var typeName = ""
                var payload: ArraySlice<UInt8>?
                while let field = try invocation.nextField() {
                    switch field.number {
                    case 1: caller = try Address.read(field, from: &invocation)
                    case 2:
                        let argument = try typedValue(field, &invocation)
                        typeName = argument.typeName
                        payload = argument.hasValue ? argument.value : nil
                    default: try invocation.skip(field)
                    }
                }
                return (caller.flatMap { $0.isEmpty ? nil : $0 }, Message(typeName: typeName, payload: payload))
            }
        }
    }

    private func handleV3(_ body: [UInt8]) async throws(StateFunError) -> [UInt8] {
        let batch: BatchV3
        do {
            batch = try BatchV3(body)
        } catch {
            throw .malformedRequest(error.description)
        }
        guard batch.present else {
            throw .malformedRequest("the ToFunction message has no invocation batch (field 100)")
        }
        let (target, function) = try lookUp(batch.target)

        // Resolve declared specs against what arrived (the last value for a name wins, as in a dict).
        var missing: [FromFunctionV3.PersistedValueSpec] = []
        var cells: [AddressScopedStorage.Cell] = []
        cells.reserveCapacity(function.specs.count)
        for spec in function.specs {
            guard let value = batch.value(of: spec.name) else {
                missing.append(Self.persistedValueSpec(spec))
                continue
            }
            cells.append(.init(name: spec.name, spec: spec, version: .v3, value: value, dirty: false, provided: true))
        }
        if !missing.isEmpty {
            let answer = FromFunctionV3(response: .incompleteInvocationContext(.init(missingValues: missing)))
            return answer.serialized()
        }
        // The Python SDK builds each invocation's message for the target address and refuses an empty id
        // (after the missing-state check, as here).
        if target.id.isEmpty, !batch.invocations.isEmpty {
            throw .invalidAddress("the batch's target \(target.typeName) has an empty id")
        }

        let storage = AddressScopedStorage(function: function.typeName, protocolVersion: .v3, cells: cells)
        let context = Context(address: target, storage: storage, protocolVersion: .v3, expectedSize: 2 * body.count)
        try await run(function, context, batch.invocations)

        return Self.response(storage, context) { mutation, value in
            mutation.writeMessage(3) { typed in
                typed.writeString(1, value.typeName)
                typed.writeBool(2, true)
                typed.writeBytes(3, value.bytes)
            }
        }
    }

    /// `FromFunction{invocation_result{...}}`: mutations of the dirty states in cell order, then the effects the
    /// context encoded as they were produced.
    private static func response(
        _ storage: AddressScopedStorage, _ context: Context,
        stateValue: (inout WireWriter, RawValue) -> Void
    ) -> [UInt8] {
        // A batch without effects answers an empty body, as the official SDKs do: they touch
        // `invocation_result` only through its repeated fields, so an empty result leaves the oneof unset. The
        // runtime reads a FromFunction with no response as an empty InvocationResponse (protocol.md §4).
        let effects = context.messages.count + context.delayedMessages.count + context.egressMessages.count
        if effects == 0, !storage.cells.contains(where: \.dirty) {
            return []
        }
        var out = WireWriter(capacity: 64 + effects)
        out.writeMessage(100) { result in
            for cell in storage.cells where cell.dirty {
                result.writeMessage(1) { mutation in
                    if let value = cell.value {
                        mutation.writeEnum(1, FromFunctionV3.MutationType.modify.rawValue)
                        mutation.writeString(2, cell.name)
                        stateValue(&mutation, value)
                    } else {
                        mutation.writeString(2, cell.name)  // DELETE is 0: only the name goes on the wire
                    }
                }
            }
            result.writeRaw(context.messages)
            result.writeRaw(context.delayedMessages)
            result.writeRaw(context.egressMessages)
        }
        return out.takeBytes()
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
            var problem: String?
            if let bytes = value.stateValue?.bytes, !bytes.isEmpty {
                do {
                    let any = try AnyValue(serialized: bytes)
                    raw = RawValue(typeName: any.typeURL, bytes: any.value)
                } catch {
                    problem = "state '\(value.stateName)' is not a serialized google.protobuf.Any: \(error)"
                }
            }
            if let i = position[value.stateName] {
                cells[i].value = raw
                cells[i].problem = problem
            } else {
                position[value.stateName] = cells.count
                let spec = function.specs.first { $0.name == value.stateName }
                cells.append(
                    .init(
                        name: value.stateName, spec: spec, version: .v2, value: raw, dirty: false, provided: true,
                        problem: problem))
            }
        }
        for spec in function.specs where position[spec.name] == nil {
            cells.append(.init(name: spec.name, spec: spec, version: .v2, value: nil, dirty: false, provided: false))
        }

        let storage = AddressScopedStorage(function: function.typeName, protocolVersion: .v2, cells: cells)
        let context = Context(address: target, storage: storage, protocolVersion: .v2, expectedSize: 2 * body.count)
        let invocations = batch.invocations.lazy.map { invocation -> (Address?, Message) in
            let caller = invocation.caller.flatMap { $0.isEmpty ? nil : $0 }
            let argument = invocation.argument ?? AnyValue()
            return (caller, Message(typeName: argument.typeURL, bytes: argument.value, protocolVersion: .v2))
        }
        try await run(function, context, invocations)

        return Self.response(storage, context) { mutation, value in
            // 2.x state is opaque bytes: the serialized Any, as the Python 2.2 SDK stores it.
            mutation.writeLengthDelimited(3, presence: .implicit) { any in
                any.writeString(1, value.typeName)
                any.writeBytes(2, value.bytes)
            }
        }
    }

}
