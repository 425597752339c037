public import StateFun

/// What one ``TestInvocation`` did: the messages it sent, its delayed messages and cancellations, its egress
/// records (decoded) and the state afterwards.
public struct InvocationResult: Sendable {
    /// The invoked function instance.
    public let address: Address
    /// Messages to other functions (or itself), in the order they were sent.
    public let sentMessages: [SentMessage]
    /// Delayed messages, in the order they were sent.
    public let delayedMessages: [DelayedMessage]
    /// The cancellation tokens of `Context/cancelDelayedMessage(_:)` calls, in order.
    public let cancelledTokens: [String]
    /// Egress records, decoded as the runtime's Kafka and Kinesis egresses decode them.
    public let egressRecords: [CapturedEgressRecord]
    /// Every state value after the invocation (seeded values the function did not change included), by name.
    public let stateValues: [String: Message]
    /// The names of the states the function wrote or deleted, in the order of its mutations.
    public let changedStates: [String]

    init(
        invocation: TestInvocation, effects: BatchEffects, initial: [StateSlot],
        egressKinds: [TypeName: EgressDefinition.Kind]
    ) throws {
        let codec = invocation.codec
        let address = invocation.address
        self.address = address
        func message(_ slot: StateSlot) -> Message? {
            guard let bytes = slot.bytes else { return nil }
            return codec.stateMessage(typeName: slot.typeName, bytes: bytes)
        }
        var values: [String: Message] = [:]
        for slot in initial { values[slot.name] = message(slot) }
        var changed: [String] = []
        for mutation in effects.mutations {
            changed.append(mutation.name)
            if mutation.mutationType == 0 {
                values[mutation.name] = nil
            } else {
                values[mutation.name] = message(StateSlot(name: mutation.name, typeName: mutation.typeName, bytes: mutation.bytes))
            }
        }
        stateValues = values
        changedStates = changed
        sentMessages = effects.outgoing.compactMap { outgoing in
            outgoing.target.map { SentMessage(target: $0, message: outgoing.message) }
        }
        delayedMessages = effects.delayed.compactMap { delayed in
            guard !delayed.isCancellation, let target = delayed.target, let message = delayed.message else { return nil }
            return DelayedMessage(
                target: target, message: message, delay: .milliseconds(delayed.delayInMs),
                cancellationToken: delayed.cancellationToken.isEmpty ? nil : delayed.cancellationToken)
        }
        cancelledTokens = effects.delayed.filter(\.isCancellation).map(\.cancellationToken)
        egressRecords = try effects.egresses.map { egress in
            try CapturedEgressRecord.decode(
                egress: egress.egress, message: egress.message, declared: egressKinds[egress.egress], source: address,
                time: .zero)
        }
    }

    /// The value of `spec` after the invocation; `nil` when it has none (or it does not decode as `V`: see
    /// ``stateValues`` for the raw value).
    public func state<V: StateFunType>(_ spec: ValueSpec<V>) -> V? {
        try? stateValues[spec.name]?.decode(V.self)
    }

    /// The values of type `V` sent to `target` (to anyone when `nil`), in order; messages of other types are
    /// skipped.
    public func sentValues<V: StateFunType>(_ type: V.Type, to target: Address? = nil) -> [V] {
        sentMessages.filter { target == nil || $0.target == target }.compactMap { try? $0.message.decode(type) }
    }

    /// The texts of the egress records (see `CapturedEgressRecord/text`), in order.
    public var egressTexts: [String?] { egressRecords.map(\.text) }
}

/// A message a function sent to another function.
public struct SentMessage: Sendable, Equatable {
    /// The receiving function instance.
    public let target: Address
    /// The message.
    public let message: Message

    /// The message decoded as `V`; `nil` when it is of another type or has no value.
    public func value<V: StateFunType>(as type: V.Type) -> V? {
        try? message.decode(type)
    }
}

/// A delayed message a function sent.
public struct DelayedMessage: Sendable, Equatable {
    /// The receiving function instance.
    public let target: Address
    /// The message.
    public let message: Message
    /// The delay, in whole milliseconds as sent.
    public let delay: Duration
    /// The cancellation token, if any.
    public let cancellationToken: String?

    /// The message decoded as `V`; `nil` when it is of another type or has no value.
    public func value<V: StateFunType>(as type: V.Type) -> V? {
        try? message.decode(type)
    }
}
