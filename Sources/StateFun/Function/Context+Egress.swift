// Egress sends: one way, through the egress's handle. `greets.record(...)` makes the record (a Kafka or Kinesis
// record, or an EgressMessage for an Egress declared elsewhere) and `context.send(_:)` sends it.

extension Context {
    /// Sends a typed value to an ``Egress``: `try context.send(audit.record(entry))`.
    @inlinable
    public func send<V: StateFunType>(_ message: EgressMessage<V>) throws {
        try sendEgressMessage(message.value, to: message.egress)
    }

    /// Sends an undecoded message to an ``Egress`` as it is: `try context.send(audit.record(message))`.
    public func send(_ message: EgressMessage<Message>) throws {
        try sendEgressMessage(message.value, to: message.egress)
    }

    /// Sends a typed value to the egress `egress`.
    @available(*, deprecated, message: "send through the egress's handle: context.send(Egress(id: egress).record(value))")
    @inlinable
    public func send<V: StateFunType>(_ value: V, toEgress egress: TypeName) throws {
        try sendEgressMessage(value, to: egress)
    }

    /// Sends an undecoded message to the egress `egress`.
    @available(*, deprecated, message: "send through the egress's handle: context.send(Egress(id: egress).record(message))")
    public func send(_ message: Message, toEgress egress: TypeName) throws {
        try sendEgressMessage(message, to: egress)
    }
}
