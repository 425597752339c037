import StateFunWire
import StateFunProtocol

// How a 2.x handler answers a request, as the Python 2.2 SDK does: the request is decoded as the model; the
// runtime sends every state module.yaml lists, in its order, each value a serialized `Any`.
extension AnyCodec {
    package static func answer(_ body: [UInt8], for handler: RequestReplyHandler) async throws(StateFunError)
        -> [UInt8]
    {
        let limits = handler.limits
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
        let (target, registered) = try handler.lookUp(batch.target)
        let observation = registered.observe(target, batch.invocations.count, version, body.count)
        let storage = makeStorage(batch, registered.definition)
        let context = handler.makeContext(
            target, storage, requestSize: body.count, routing: registered.routing, observation: observation)
        defer { context.recycleBuffers(into: handler.buffers) }
        do {
            var invocations = Invocations(invocations: batch.invocations)
            try await handler.run(registered, context, &invocations)
            let answer = try RequestReplyHandler.response(storage, context, limit: limits.maxResponseBytes)
            if let observation { registered.answered(observation, answer, context) }
            return answer
        } catch {
            if let observation { registered.failed(observation, error, context.notes) }
            throw error
        }
    }

    /// The batch's state: a cell per state the runtime sent, in its order (mutations come back in that order:
    /// the Python 2.2 SDK iterates its dict of received states), then the declared states it did not send.
    private static func makeStorage(
        _ batch: ToFunctionV2.InvocationBatchRequest, _ function: FunctionDefinition
    ) -> AddressScopedStorage {
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
                        name: value.stateName, spec: spec, codec: self, value: raw, dirty: false, provided: true,
                        problem: problem))
            }
        }
        for spec in function.specs where position[spec.name] == nil {
            cells.append(.init(name: spec.name, spec: spec, codec: self, value: nil, dirty: false, provided: false))
        }
        return AddressScopedStorage(function: function.typeName, codec: self, cells: cells)
    }

    /// The invocations of a decoded 2.x request.
    private struct Invocations: BatchInvocations {
        let invocations: [ToFunctionV2.Invocation]

        var count: Int { invocations.count }

        func prepare(_ i: Int, in context: Context) -> Message {
            context.currentCaller = invocations[i].caller.flatMap { $0.isEmpty ? nil : $0 }
            let argument = invocations[i].argument ?? AnyValue()
            return Message(typeName: argument.typeURL, bytes: argument.value, protocolVersion: version)
        }

        func typeName(_ i: Int) -> String { invocations[i].argument?.typeURL ?? "" }
    }
}
