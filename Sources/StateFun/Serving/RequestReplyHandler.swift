import StateFunWire
package import StateFunProtocol
/// Answers the runtime: `ToFunction` bytes in, `FromFunction` bytes out. Usable from any HTTP framework.
///
/// One call handles one batch for one address (`protocol.md` §4): the invocations run one after another
/// against one evolving state, and one response carries every effect: state mutations (written or deleted
/// states only), then messages, delayed messages and cancellations, and egress records, each in the order the
/// handlers produced them across the batch. If any handler throws, the call throws and nothing of the batch
/// is returned (the HTTP layer answers 500 and the runtime retries the batch), unless the failure is permanent
/// and the function's ``FailurePolicy`` discards or dead-letters it: then only that invocation's effects and
/// state changes are dropped and the batch goes on (Docs/Operations.md, "Failure policy").
///
/// On 3.x, when the runtime did not send a state the function declares, the answer is an
/// `IncompleteInvocationContext` listing every missing spec in declaration order, and no handler runs.
public struct RequestReplyHandler: Sendable {
    /// The protocol this handler speaks.
    public let protocolVersion: ProtocolVersion
    /// The limits on one batch: invocations per request, size of an answer.
    public let limits: BatchLimits
    private let functions: [TypeName: RegisteredFunction]
    /// The same functions as a list, searched instead of the dictionary when there are few (comparing a
    /// couple of short typenames beats hashing one).
    private let functionList: [RegisteredFunction]
    /// Buffers reused from batch to batch: for effects (messages, egress records), and for written state values
    /// (small; kept apart so neither kind takes the other's).
    private let buffers = BufferPool()
    private let valueBuffers = BufferPool()

    /// Creates a handler for `app`'s functions, answering batches within `limits`; `instrumentation` (none by
    /// default) receives every batch's begin and end, and each invocation's if it asks (Docs/Operations.md).
    public init(
        app: App, protocolVersion: ProtocolVersion = .v3, limits: BatchLimits = BatchLimits(),
        instrumentation: (any Instrumentation)? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.limits = limits
        var functions: [TypeName: RegisteredFunction] = [:]
        // The first declaration of a type wins; duplicates are reported by App.validate().
        for function in app.model.functions where functions[function.typeName] == nil {
            functions[function.typeName] = RegisteredFunction(
                function, probe: instrumentation?.probe(for: function.typeName))
        }
        self.functions = functions
        functionList = functions.count <= 8 ? Array(functions.values) : []
    }

    /// Whether this handler serves functions of `typeName`.
    public func serves(_ typeName: TypeName) -> Bool { functions[typeName] != nil }

    /// Handles one request body.
    ///
    /// - Throws: ``StateFunError/malformedRequest(_:)`` when the bytes are no `ToFunction`,
    ///   ``StateFunError/unknownFunction(_:)`` for a type the app does not declare,
    ///   ``StateFunError/handlerFailed(function:id:underlying:)`` when a handler throws, and
    ///   ``StateFunError/tooManyInvocations(limit:)`` or ``StateFunError/responseTooLarge(limit:)`` for a batch
    ///   over ``limits``.
    public func handle(_ body: [UInt8]) async throws(StateFunError) -> [UInt8] {
        switch protocolVersion {
        case .v3:
            // Decoding, checking and answering are synchronous; only an async handler makes the run await.
            var batch = ReceivedInvocations(try Self.decodeV3(body, maxInvocations: limits.maxInvocations))
            let (target, registered) = try lookUp(batch.target)
            let observation = registered.observe(target, batch.count, .v3, body.count)
            do {
                if let answer = try Self.answerWithoutRunning(batch, target, registered) {
                    observation?.answered(answer)
                    return answer
                }
                let storage = makeStorageV3(batch, registered)
                let context = makeContext(target, storage, .v3, requestSize: body.count, routing: registered.routing)
                context.observation = observation
                defer { context.recycleBuffers(into: buffers) }
                try await run(registered, context, &batch)
                let answer = try Self.response(storage, context, limit: limits.maxResponseBytes)
                observation?.answered(answer)
                return answer
            } catch {
                observation?.failed(error)
                throw error
            }
        case .v2: return try await handleV2(body)
        }
    }

    private func lookUp(_ target: Address?) throws(StateFunError) -> (Address, RegisteredFunction) {
        guard let target, !target.isEmpty else {
            throw .malformedRequest("the invocation batch has no target address")
        }
        if !functionList.isEmpty {
            for function in functionList where function.definition.typeName == target.typeName {
                return (target, function)
            }
            throw .unknownFunction(target.typeName)
        }
        guard let function = functions[target.typeName] else { throw .unknownFunction(target.typeName) }
        return (target, function)
    }

    /// Runs a batch's invocations in order, each made just before it runs. The function is passed as its
    /// registration (a reference): passing the definition itself copied its arrays and closures per batch.
    private func run<Invocations: BatchInvocations>(
        _ registered: RegisteredFunction, _ context: Context, _ invocations: inout Invocations
    ) async throws(StateFunError) {
        let maxEffectBytes = limits.maxResponseBytes
        if registered.skipsPermanentFailures {
            return try await Self.runApplyingFailurePolicy(registered, context, &invocations, maxEffectBytes)
        }
        if let observation = context.observation, observation.observesInvocations {
            return try await Self.runObserved(registered, context, &invocations, observation, maxEffectBytes)
        }
        if registered.isSynchronous {
            return try Self.runSynchronously(registered, context, &invocations, maxEffectBytes: maxEffectBytes)
        }
        for i in 0..<invocations.count {
            let message = invocations.prepare(i, in: context)
            do {
                try await registered.definition.dispatch(context, message)
            } catch {
                context.observation?.noteFailure(at: i, typeName: message.typeName)
                throw Self.handlerFailed(registered.definition.typeName, context, error)
            }
            try Self.checkEffects(context, maxEffectBytes)
        }
    }

    /// ``run(_:_:_:)`` for a function whose handlers are all synchronous: a plain loop.
    private static func runSynchronously<Invocations: BatchInvocations>(
        _ registered: RegisteredFunction, _ context: Context, _ invocations: inout Invocations, maxEffectBytes: Int
    ) throws(StateFunError) {
        for i in 0..<invocations.count {
            // The message is not kept for the error path (its typename is read again there): keeping it made
            // the loop copy it through the stack per invocation.
            do {
                try registered.definition.dispatchSynchronously(context, invocations.prepare(i, in: context))
            } catch {
                context.observation?.noteFailure(at: i, typeName: invocations.typeName(i))
                throw handlerFailed(registered.definition.typeName, context, error)
            }
            try checkEffects(context, maxEffectBytes)
        }
    }

    /// Fails the batch as soon as its effects alone pass the answer's limit, so a runaway batch holds at most
    /// the limit plus one invocation's effects (the whole answer, state included, is checked in ``response``).
    @inline(__always)
    static func checkEffects(_ context: Context, _ limit: Int) throws(StateFunError) {
        if context.effects.effectBytes > limit {
            throw .responseTooLarge(limit: limit)
        }
    }

    static func handlerFailed(_ function: TypeName, _ context: Context, _ error: any Error)
        -> StateFunError
    {
        .handlerFailed(function: function, id: context.address.id, underlying: error)
    }

    // MARK: - 3.x

    /// Decodes and checks a 3.x request (protocol.md §4).
    private static func decodeV3(_ body: [UInt8], maxInvocations: Int) throws(StateFunError) -> ReceivedBatch {
        let batch: ReceivedBatch
        do {
            batch = try ReceivedBatch(body, maxInvocations: maxInvocations)
        } catch {
            switch error {
            case .malformed(let problem): throw .malformedRequest(problem.description)
            case .tooManyInvocations(let limit): throw .tooManyInvocations(limit: limit)
            }
        }
        guard batch.present else {
            throw .malformedRequest("the ToFunction message has no invocation batch (field 100)")
        }
        return batch
    }

    /// The answer when the batch cannot run: the states the runtime did not send (an
    /// `IncompleteInvocationContext`, nothing runs); `nil` when it can. Throws for an empty target id.
    private static func answerWithoutRunning(
        _ batch: ReceivedInvocations, _ target: Address, _ registered: RegisteredFunction
    ) throws(StateFunError) -> [UInt8]? {
        // Resolve declared specs against what arrived (the last value for a name wins, as in a dict).
        let specs = registered.definition.specs
        var missing: [FromFunctionV3.PersistedValueSpec] = []
        for i in specs.indices where batch.batch.stateIndex(of: specs[i].name) == nil {
            missing.append(persistedValueSpec(specs[i]))
        }
        if !missing.isEmpty {
            return FromFunctionWriter.incompleteInvocationContext(missing: missing)
        }
        // The Python SDK builds each invocation's message for the target address and refuses an empty id
        // (after the missing-state check, as here).
        if target.id.isEmpty, batch.count > 0 {
            throw .invalidAddress("the batch's target \(target.typeName) has an empty id")
        }
        return nil
    }

    /// The batch's state: a cell per declared spec with the value the runtime sent.
    private func makeStorageV3(_ batch: ReceivedInvocations, _ registered: RegisteredFunction) -> AddressScopedStorage {
        let specs = registered.definition.specs
        return AddressScopedStorage(
            function: registered.definition.typeName, protocolVersion: .v3, count: specs.count, pool: valueBuffers
        ) { i in
            .init(declared: specs[i], version: .v3, value: batch.stateValue(named: specs[i].name))
        }
    }

    /// The batch's context, its effect buffers from the pool (give them back with `recycleBuffers(into:)`).
    private func makeContext(
        _ target: Address, _ storage: AddressScopedStorage, _ version: ProtocolVersion, requestSize: Int,
        routing: DeclaredRouting?
    ) -> Context {
        // Room for the effects: a handler typically answers each message with about as many bytes as it got.
        let (messages, egressMessages) = buffers.writers(
            capacity: min(max(2 * requestSize, 256), BufferPool.maximumCapacity))
        return Context(
            address: target, storage: storage, protocolVersion: version, messages: messages,
            egressMessages: egressMessages, routing: routing)
    }

    /// `FromFunction{invocation_result{...}}`: mutations of the dirty states in cell order, then the effects the
    /// context encoded as they were produced (3.x state values travel as `TypedValue`s, 2.x as serialized `Any`s).
    private static func response(_ storage: AddressScopedStorage, _ context: Context, limit: Int)
        throws(StateFunError) -> [UInt8]
    {
        let cells = storage.cells
        let answer = context.effects.response(limit: limit) { mutation in
            for i in 0..<cells.count where cells[i].dirty {
                if let value = cells[i].currentValue {
                    mutation(.init(stateName: cells[i].name, typeName: value.typeName, bytes: value.bytes))
                } else {
                    mutation(.init(deleting: cells[i].name))
                }
            }
        }
        guard let answer else { throw .responseTooLarge(limit: limit) }
        return answer
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
        // Counted before the model is decoded: decoding a batch over the limit is the cost the limit prevents.
        if ToFunctionV2.invocationCount(in: body, exceeds: limits.maxInvocations) {
            throw .tooManyInvocations(limit: limits.maxInvocations)
        }
        let request: ToFunctionV2
        do {
            request = try ToFunctionV2(serialized: body)
        } catch {
            throw .malformedRequest(error.description)
        }
        guard let batch = request.invocation else {
            throw .malformedRequest("the ToFunction message has no invocation batch (field 100)")
        }
        let (target, registered) = try lookUp(batch.target)
        let observation = registered.observe(target, batch.invocations.count, .v2, body.count)
        do {
            let answer = try await answerV2(batch, target, registered, observation, requestSize: body.count)
            observation?.answered(answer)
            return answer
        } catch {
            observation?.failed(error)
            throw error
        }
    }

    private func answerV2(
        _ batch: ToFunctionV2.InvocationBatchRequest, _ target: Address, _ registered: RegisteredFunction,
        _ observation: BatchObservation?, requestSize: Int
    ) async throws(StateFunError) -> [UInt8] {
        let function = registered.definition

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
        let context = makeContext(target, storage, .v2, requestSize: requestSize, routing: registered.routing)
        context.observation = observation
        defer { context.recycleBuffers(into: buffers) }
        var invocations = InvocationsV2(invocations: batch.invocations)
        try await run(registered, context, &invocations)

        return try Self.response(storage, context, limit: limits.maxResponseBytes)
    }

}

/// A batch's invocations, each made (caller and message) when it is about to run.
protocol BatchInvocations {
    var count: Int { get }
    /// Makes invocation `i`: sets `context`'s caller (in place) and returns the message.
    mutating func prepare(_ i: Int, in context: Context) -> Message
    /// The typename of invocation `i`'s message (for a failure report).
    func typeName(_ i: Int) -> String
}

/// The invocations of a decoded 2.x request.
private struct InvocationsV2: BatchInvocations {
    let invocations: [ToFunctionV2.Invocation]

    var count: Int { invocations.count }

    func prepare(_ i: Int, in context: Context) -> Message {
        context.currentCaller = invocations[i].caller.flatMap { $0.isEmpty ? nil : $0 }
        let argument = invocations[i].argument ?? AnyValue()
        return Message(typeName: argument.typeURL, bytes: argument.value, protocolVersion: .v2)
    }

    func typeName(_ i: Int) -> String { invocations[i].argument?.typeURL ?? "" }
}

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

    init(_ definition: FunctionDefinition, probe: (any FunctionProbe)?) {
        self.definition = definition
        isSynchronous = definition.isSynchronous
        skipsPermanentFailures = definition.failurePolicy != .retry
        self.probe = probe
        routing = DeclaredRouting(definition)
    }

    /// Begins watching a batch for `target` when there is a probe.
    @inline(__always)
    func observe(_ target: Address, _ size: Int, _ version: ProtocolVersion, _ requestBytes: Int) -> BatchObservation? {
        guard let probe else { return nil }
        return BatchObservation(
            probe: probe, target: target, size: size, protocolVersion: version, requestBytes: requestBytes)
    }
}
