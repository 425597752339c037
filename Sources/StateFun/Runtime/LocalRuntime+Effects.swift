import StateFunProtocol
// Applying a batch's effects as StateFun's RequestReplyFunction does: outgoing messages, delayed messages and
// cancellations, egress records, then state mutations. Where the Flink job would fail half-way, the local
// runtime checks everything first and applies all effects or none.

extension LocalRuntime {
    func apply(_ state: inout State, _ actions: inout Actions, _ job: CallJob, _ effects: BatchEffects)
        throws(RuntimeError)
    {
        let sender = job.address
        let now = clock.now

        // Outgoing messages: the target must be known.
        var outgoing: [(Address, Message)] = []
        for message in effects.outgoing {
            outgoing.append((try checkedTarget(message.target), message.message))
        }

        // Delayed messages and cancellations, with the sender's pending tokens as they evolve along the list.
        var tokens = Set(state.tokens[sender.id, default: [:]].keys)
        for delayed in effects.delayed {
            if delayed.isCancellation {
                guard !delayed.cancellationToken.isEmpty else {
                    throw .invalidDelayedMessage("a cancellation request needs a cancellation token")
                }
                tokens.remove(delayed.cancellationToken)
                continue
            }
            guard delayed.delayInMs >= 0 else {
                throw .invalidDelayedMessage("the delay \(delayed.delayInMs) ms is negative")
            }
            _ = try checkedTarget(delayed.target)
            if !delayed.cancellationToken.isEmpty {
                guard tokens.insert(delayed.cancellationToken).inserted else {
                    throw .duplicateCancellationToken(sender: sender, token: delayed.cancellationToken)
                }
            }
        }

        // Egress records: a declared egress (when the app declares any), decoded as its kind requires.
        var records: [CapturedEgressRecord] = []
        for egress in effects.egresses {
            let kind = egressKinds[egress.egress]
            if kind == nil, !egressKinds.isEmpty { throw .undeclaredEgress(egress.egress) }
            records.append(
                try CapturedEgressRecord.decode(
                    egress: egress.egress, message: egress.message, declared: kind, source: sender, time: now))
        }

        // State mutations: registered names; on 3.x a written value must carry the registered typename.
        let registered = registrations(state, sender.typeName, job.route)
        for mutation in effects.mutations {
            guard let registration = registered.first(where: { $0.name == mutation.name }) else {
                throw .unregisteredState(function: sender.typeName, state: mutation.name)
            }
            switch mutation.mutationType {
            case FromFunctionV3.MutationType.delete.rawValue:
                break
            case FromFunctionV3.MutationType.modify.rawValue:
                let written = mutation.typeName.isEmpty ? TypedValueCodec.unsetStateType : mutation.typeName
                if codec.registersStates, written != registration.typeName {
                    throw .stateTypeMismatch(
                        function: sender.typeName, state: mutation.name, registered: registration.typeName,
                        written: written)
                }
            default:
                throw .unrecognizedMutation(state: mutation.name, mutationType: mutation.mutationType)
            }
        }

        // Everything checks out: apply in the runtime's order.
        for (target, message) in outgoing {
            enqueue(&state, &actions, target, Envelope(caller: sender, message: message))
        }
        for delayed in effects.delayed {
            if delayed.isCancellation {
                if let id = state.tokens[sender.id]?.removeValue(forKey: delayed.cancellationToken) {
                    state.timers.removeAll { $0.id == id }
                }
                continue
            }
            guard let target = delayed.target, let message = delayed.message else { continue }
            let id = state.makeID()
            var token: (senderID: String, token: String)?
            if !delayed.cancellationToken.isEmpty {
                token = (sender.id, delayed.cancellationToken)
                state.tokens[sender.id, default: [:]][delayed.cancellationToken] = id
            }
            state.schedule(
                Timer(
                    id: id, deadline: now + .milliseconds(delayed.delayInMs),
                    kind: .delivery(target: target, envelope: Envelope(caller: sender, message: message), token: token)))
        }
        state.egress.append(contentsOf: records)
        let excess = state.egress.count - max(configuration.maxCapturedEgressRecords, 0)
        if excess > 0 { state.egress.removeFirst(excess) }
        actions.egress.append(contentsOf: records)
        for mutation in effects.mutations {
            if mutation.mutationType == FromFunctionV3.MutationType.delete.rawValue {
                state.mailboxes[sender]?.values[mutation.name] = nil
            } else {
                state.mailboxes[sender, default: Mailbox()].values[mutation.name] =
                    StoredValue(bytes: mutation.bytes, writtenAt: now, touchedAt: now)
            }
        }
        if state.tokens[sender.id]?.isEmpty == true { state.tokens[sender.id] = nil }
        armDriver(&state)
    }

    private func checkedTarget(_ target: Address?) throws(RuntimeError) -> Address {
        guard let target, !target.isEmpty else { throw .invalidAddress("a message has no target address") }
        try checkTarget(target)
        return target
    }
}
