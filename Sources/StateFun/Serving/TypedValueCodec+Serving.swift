import StateFunWire
import StateFunProtocol

// How a 3.x handler answers a request (protocol.md §4): the one reader checks the whole body in one pass and
// leaves values as slices of it; states the function declares but the runtime did not send are asked for with an
// `IncompleteInvocationContext` before anything runs.
extension TypedValueCodec {
    /// Inlined into ``RequestReplyHandler/handle(_:)``: one async frame per request fewer (a task allocation and
    /// its release).
    @inline(__always)
    package static func answer(_ body: [UInt8], for handler: RequestReplyHandler) async throws(StateFunError)
        -> [UInt8]
    {
        // Decoding, checking and answering are synchronous; only an async handler makes the run await.
        var batch = ReceivedInvocations(try decode(body, maxInvocations: handler.limits.maxInvocations))
        let (target, registered) = try handler.lookUp(batch)
        let observation = registered.observe(target, batch.count, version, body.count)
        do {
            if let missing = try missingStates(batch, target, registered) {
                let answer = FromFunctionWriter.incompleteInvocationContext(missing: missing)
                if let observation { registered.askedForStates(observation, missing: missing.map(\.stateName), answer) }
                return answer
            }
        } catch {
            if let observation { registered.failed(observation, error, nil) }
            throw error
        }
        let storage = makeStorage(batch, registered, pool: handler.valueBuffers)
        let context = handler.makeContext(
            target, storage, requestSize: body.count, routing: registered.routing, observation: observation)
        defer { context.recycleBuffers(into: handler.buffers) }
        do {
            try await handler.run(registered, context, &batch)
            let answer = try RequestReplyHandler.response(storage, context, limit: handler.limits.maxResponseBytes)
            if let observation { registered.answered(observation, answer, context) }
            return answer
        } catch {
            if let observation { registered.failed(observation, error, context.notes) }
            throw error
        }
    }

    /// Decodes and checks a 3.x request.
    private static func decode(_ body: [UInt8], maxInvocations: Int) throws(StateFunError) -> ReceivedBatch {
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

    /// The states the runtime did not send, when there are any: the batch cannot run and is answered with an
    /// `IncompleteInvocationContext` asking for them; `nil` when it can run. Throws for an empty target id.
    private static func missingStates(
        _ batch: ReceivedInvocations, _ target: Address, _ registered: RegisteredFunction
    ) throws(StateFunError) -> [FromFunctionV3.PersistedValueSpec]? {
        // Resolve declared specs against what arrived (the last value for a name wins, as in a dict).
        let specs = registered.definition.specs
        var missing: [FromFunctionV3.PersistedValueSpec] = []
        for i in specs.indices where batch.batch.stateIndex(of: specs[i].name) == nil {
            missing.append(persistedValueSpec(specs[i]))
        }
        if !missing.isEmpty { return missing }
        // The Python SDK builds each invocation's message for the target address and refuses an empty id
        // (after the missing-state check, as here).
        if target.id.isEmpty, batch.count > 0 {
            throw .invalidAddress("the batch's target \(target.typeName) has an empty id")
        }
        return nil
    }

    /// The batch's state: a cell per declared spec with the value the runtime sent.
    private static func makeStorage(
        _ batch: ReceivedInvocations, _ registered: RegisteredFunction, pool: BufferPool
    ) -> AddressScopedStorage {
        let specs = registered.definition.specs
        return AddressScopedStorage(
            function: registered.definition.typeName, codec: self, count: specs.count, pool: pool
        ) { i in
            .init(declared: specs[i], codec: self, value: batch.stateValue(named: specs[i].name))
        }
    }

    /// A declared state as the SDK registers it.
    private static func persistedValueSpec(_ spec: AnyValueSpec) -> FromFunctionV3.PersistedValueSpec {
        // The Python and Go SDKs always send an ExpirationSpec, empty for "no expiration".
        let expiration: FromFunctionV3.ExpirationSpec
        switch spec.expiration {
        case .none: expiration = .init()
        case .afterCall: expiration = .init(mode: .afterInvoke, expireAfterMillis: spec.expiration.milliseconds)
        case .afterWrite: expiration = .init(mode: .afterWrite, expireAfterMillis: spec.expiration.milliseconds)
        }
        return .init(stateName: spec.name, expirationSpec: expiration, typeTypename: spec.typeName.description)
    }
}
