import StateFunWire
import StateFunProtocol
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
    /// The rules of ``protocolVersion``, chosen once here: decoding, state and answer go through it.
    let codec: any ProtocolCodec.Type
    /// The limits on one batch: invocations per request, size of an answer.
    public let limits: BatchLimits
    let functions: [TypeName: RegisteredFunction]
    /// The same functions as a list, searched instead of the dictionary when there are few (comparing a
    /// couple of short typenames beats hashing one).
    let functionList: [RegisteredFunction]
    /// Buffers reused from batch to batch: for effects (messages, egress records), and for written state values
    /// (small; kept apart so neither kind takes the other's).
    let buffers = BufferPool()
    let valueBuffers = BufferPool()

    /// Creates a handler for `app`'s functions, answering batches within `limits`; `instrumentation` (none by
    /// default) receives every batch's begin and end, and each invocation's if it asks (Docs/Operations.md).
    public init(
        app: App, protocolVersion: ProtocolVersion = .v3, limits: BatchLimits = BatchLimits(),
        instrumentation: (any Instrumentation)? = nil
    ) {
        self.protocolVersion = protocolVersion
        codec = protocolVersion.codec
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
        // The 3.x codec (the default) is called directly: through the protocol's witness every request paid two
        // more async frames (a task allocation and its release each), a few percent of a one-invocation batch.
        if codec == TypedValueCodec.self { return try await TypedValueCodec.answer(body, for: self) }
        return try await codec.answer(body, for: self)
    }

    /// The 3.x batch's target and its function. Usually the target's namespace and type bytes are those of a
    /// declared function: then its typename is reused and only the id becomes a new string (measured: making the
    /// target's three strings and comparing typenames was about 2 % of a one-invocation batch); anything else
    /// goes the general way.
    func lookUp(_ batch: ReceivedInvocations) throws(StateFunError) -> (Address, RegisteredFunction) {
        if let target = batch.batch.target, !target.id.isEmpty {
            for function in functionList {
                guard function.matchesTargetBytes, batch.batch.bytes(at: target.namespace, equal: function.namespaceUTF8),
                    batch.batch.bytes(at: target.type, equal: function.nameUTF8)
                else { continue }
                return (Address(function.definition.typeName, id: batch.batch.text(target.id)), function)
            }
        }
        return try lookUp(batch.target)
    }

    func lookUp(_ target: Address?) throws(StateFunError) -> (Address, RegisteredFunction) {
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
    /// Inlined into the codec's answer: as a call of its own it was one more async frame per request.
    @inline(__always)
    func run<Invocations: BatchInvocations>(
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
                context.noteFailure(at: i, typeName: message.typeName)
                throw Self.handlerFailed(registered.definition.typeName, context, error)
            }
            try Self.checkEffects(context, maxEffectBytes)
        }
    }

    /// ``run(_:_:_:)`` for a function whose handlers are all synchronous: a plain loop.
    private static func runSynchronously<Invocations: BatchInvocations>(
        _ registered: RegisteredFunction, _ context: Context, _ invocations: inout Invocations, maxEffectBytes: Int
    ) throws(StateFunError) {
        // A sole synchronous `Otherwise` is called directly, taken once per batch (see RegisteredFunction).
        let sole = registered.soleSynchronousBody
        for i in 0..<invocations.count {
            // The message is not kept for the error path (its typename is read again there): keeping it made
            // the loop copy it through the stack per invocation.
            do {
                if let sole {
                    try sole(context, invocations.prepare(i, in: context))
                } else {
                    try registered.definition.dispatchSynchronously(context, invocations.prepare(i, in: context))
                }
            } catch {
                context.noteFailure(at: i, typeName: invocations.typeName(i))
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

    /// The batch's context, its effect buffers from the pool (give them back with `recycleBuffers(into:)`).
    func makeContext(
        _ target: Address, _ storage: AddressScopedStorage, requestSize: Int, routing: DeclaredRouting?,
        observation: BatchObservation?
    ) -> Context {
        // Room for the effects: a handler typically answers each message with about as many bytes as it got.
        let (messages, egressMessages) = buffers.writers(
            capacity: min(max(2 * requestSize, 256), BufferPool.maximumCapacity))
        return Context(
            address: target, storage: storage, codec: codec, messages: messages,
            egressMessages: egressMessages, routing: routing, observation: observation)
    }

    /// `FromFunction{invocation_result{...}}`: mutations of the dirty states in cell order, then the effects the
    /// context encoded as they were produced (the codec's writer wraps state values in its payload type).
    static func response(_ storage: AddressScopedStorage, _ context: Context, limit: Int)
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
}
