/// What a handler gets besides the message: who it is, who called, its state, and the ways to send.
///
/// Maps the Python SDK's context one to one (see Docs/ComingFromPython.md): ``address``, ``caller``,
/// ``storage``, ``send(_:to:)``, ``reply(_:)``, ``send(_:to:after:cancellationToken:)``,
/// ``cancelDelayedMessage(_:)`` and ``send(_:)`` for egress records. Every effect is collected and returned to
/// the runtime in one response when the whole batch has run; if any handler of the batch throws, none is.
///
/// A context belongs to one batch and is used by one handler at a time; don't keep it beyond the handler call.
public final class Context {
    package struct Outgoing {
        package var target: Address
        package var message: Message
    }

    package struct Delayed {
        package var target: Address?
        package var message: Message?
        package var delayInMs: Int64
        package var cancellationToken: String
        package var isCancellation: Bool
    }

    package struct Egress {
        package var egress: TypeName
        package var message: Message
    }

    /// The address of the function instance being invoked.
    public let address: Address
    /// The function that sent the current message, or `nil` when it came from an ingress.
    public package(set) var caller: Address?
    /// The state of ``address``.
    public let storage: AddressScopedStorage
    /// The protocol of the request being answered.
    public let protocolVersion: ProtocolVersion

    package private(set) var outgoing: [Outgoing] = []
    package private(set) var delayed: [Delayed] = []
    package private(set) var egresses: [Egress] = []

    package init(address: Address, storage: AddressScopedStorage, protocolVersion: ProtocolVersion) {
        self.address = address
        self.storage = storage
        self.protocolVersion = protocolVersion
    }

    // MARK: - Messages

    /// Sends `value` to the function at `target` (Python `send(message_builder(...))`, 2.x `pack_and_send`).
    public func send<V: StateFunType>(_ value: V, to target: Address) throws {
        try send(try Message(value, protocolVersion: protocolVersion), to: target)
    }

    /// Sends an undecoded message as it is, e.g. forwards the one received (2.x `send` of an `Any`).
    public func send(_ message: Message, to target: Address) throws {
        if let problem = target.sendError { throw StateFunError.invalidAddress(problem) }
        outgoing.append(Outgoing(target: target, message: message))
    }

    /// Sends `value` to the caller of the current message; throws when it came from an ingress.
    public func reply<V: StateFunType>(_ value: V) throws {
        guard let caller else { throw StateFunError.noCaller(function: address.typeName) }
        try send(value, to: caller)
    }

    /// Sends an undecoded message to the caller of the current message.
    public func reply(_ message: Message) throws {
        guard let caller else { throw StateFunError.noCaller(function: address.typeName) }
        try send(message, to: caller)
    }

    // MARK: - Delayed messages

    /// Sends `value` to `target` after `delay`. A non-empty `cancellationToken` lets a later
    /// ``cancelDelayedMessage(_:)`` withdraw it (3.1+; the runtime fails if two pending messages share a token).
    public func send<V: StateFunType>(
        _ value: V, to target: Address, after delay: Duration, cancellationToken: String? = nil
    ) throws {
        try send(try Message(value, protocolVersion: protocolVersion), to: target, after: delay,
            cancellationToken: cancellationToken)
    }

    /// Sends an undecoded message after `delay`.
    public func send(_ message: Message, to target: Address, after delay: Duration, cancellationToken: String? = nil)
        throws
    {
        if let problem = target.sendError { throw StateFunError.invalidAddress(problem) }
        let ms = delay.statefunMilliseconds
        guard ms >= 0 else { throw StateFunError.invalidDelayedMessage("the delay \(delay) is negative") }
        if protocolVersion == .v2 {
            // The 2.2 Python SDK refuses a zero delay ("missing delay"), and 2.x has no cancellation tokens.
            guard delay != .zero else { throw StateFunError.invalidDelayedMessage("the 2.x protocol needs a delay") }
            if let token = cancellationToken, !token.isEmpty {
                throw StateFunError.invalidDelayedMessage("the 2.x protocol has no cancellation tokens")
            }
        }
        delayed.append(
            Delayed(target: target, message: message, delayInMs: ms, cancellationToken: cancellationToken ?? "",
                isCancellation: false))
    }

    /// Withdraws a pending delayed message sent with `token` (3.1+). Best effort: if it was already delivered,
    /// nothing happens. An empty token is an error, as in the runtime.
    public func cancelDelayedMessage(_ token: String) throws {
        guard !token.isEmpty else { throw StateFunError.invalidDelayedMessage("a cancellation token must not be empty") }
        guard protocolVersion == .v3 else {
            throw StateFunError.invalidDelayedMessage("the 2.x protocol cannot cancel delayed messages")
        }
        delayed.append(Delayed(target: nil, message: nil, delayInMs: 0, cancellationToken: token, isCancellation: true))
    }

    // MARK: - Egress

    /// Sends a record to an egress (Kafka, Kinesis, or a typed value for any egress).
    public func send(_ record: EgressRecord) throws {
        if let reason = record.egress.validationError {
            throw StateFunError.invalidTypeName(record.egress.description, reason: reason)
        }
        egresses.append(Egress(egress: record.egress, message: try record.encoded(protocolVersion)))
    }

    /// Sends a typed value to the egress `egress` (Python `send_egress(egress_message_builder(...))`).
    public func send<V: StateFunType>(_ value: V, toEgress egress: TypeName) throws {
        try send(EgressRecord.value(egress: egress, value))
    }
}
