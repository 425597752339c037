import StateFunProtocol
/// An egress the app sends to but does not declare: one that another module of the StateFun job defines (a
/// custom egress of an embedded Java module, say), known here by its id. Like ``KafkaEgress`` and
/// ``KinesisEgress``, it is the handle handlers send through:
///
/// ```swift
/// let audit = Egress(id: "example/audit")
/// ...
/// Handle(GreetRequest.self) { context, request in
///     try context.send(audit.record(AuditEntry(name: request.name)))
///     // or, sending straight away without making the record:
///     try audit.send(AuditEntry(name: request.name), in: context)
/// }
/// ```
///
/// The value travels as the egress message's `TypedValue` (Python `egress_message_builder`; on 2.x as an `Any`,
/// `pack_and_send_egress`). It is not part of module.yaml: the module that defines the egress declares it.
public struct Egress: EgressHandle, Hashable {
    /// The egress id.
    public let id: TypeName

    /// A handle for the egress `id`.
    public init(id: TypeName) {
        self.id = id
    }

    /// A typed value for this egress, for `context.send(_:)`.
    @inlinable
    public func record<V: StateFunType>(_ value: V) -> EgressMessage<V> {
        EgressMessage(egress: id, value: value)
    }

    /// An undecoded message for this egress, sent as it is (e.g. the one received, forwarded; Python 2.x
    /// `send_egress(typename, any)`), for `context.send(_:)`.
    public func record(_ message: Message) -> EgressMessage<Message> {
        EgressMessage(egress: id, value: message)
    }

    /// Sends `value` to this egress now: `try audit.send(entry, in: context)` writes exactly what
    /// `try context.send(audit.record(entry))` writes, without making the record in between.
    ///
    /// The same send through the same handle, for a hot handler: a record holds a copy of the egress id, and
    /// making it from a handle kept in a `static let` costs a reference count on each of the id's three strings
    /// and their release after the send, about 2 % of a ten-invocation batch (`Benchmarks/cpu_ab.sh`); here the
    /// id is only read.
    @inlinable
    public func send<V: StateFunType>(_ value: V, in context: Context) throws {
        try context.sendEgressMessage(value, to: id)
    }

    /// Sends an undecoded message to this egress now, as it is: what `try context.send(audit.record(message))`
    /// sends.
    public func send(_ message: Message, in context: Context) throws {
        try context.sendEgressMessage(message, to: id)
    }
}
