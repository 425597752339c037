public import StateFunWire
import StateFunProtocol
/// What a handler gets besides the message: who it is, who called, its state, and the ways to send.
///
/// Maps the Python SDK's context one to one (see Docs/ComingFromPython.md): ``address``, ``caller``,
/// ``storage``, ``send(_:to:)-(V,Address)``, ``reply(_:)-(V)``, ``send(_:to:after:cancellationToken:)-(V,Address,_,_)``,
/// ``cancelDelayedMessage(_:)`` and ``send(_:)-(EgressRecord)`` for egress records. Every effect is collected and returned to
/// the runtime in one response when the whole batch has run; if any handler of the batch throws, none is.
///
/// A context belongs to one batch and is used by one handler at a time; don't keep it beyond the handler call.
public final class Context {
    /// The address of the function instance being invoked.
    public let address: Address
    /// The function that sent the current message, or `nil` when it came from an ingress.
    public var caller: Address? { currentCaller }
    /// Set by the request handler before each message. Kept behind ``caller`` so that reading it from another
    /// module is a call, not a direct access with a dynamic exclusivity check.
    @exclusivity(unchecked) package var currentCaller: Address?
    /// The state of ``address``.
    public let storage: AddressScopedStorage
    /// The protocol of the request being answered.
    public let protocolVersion: ProtocolVersion
    /// The batch's instrumentation, when the handler has any: the run loop notes a failing invocation in it.
    package var observation: BatchObservation?

    // Effects are encoded as they are produced, straight into the response's repeated fields
    // (InvocationResponse.outgoing_messages = 2, delayed_invocations = 3, outgoing_egresses = 4), so a batch
    // allocates no intermediate values. A send that fails leaves these untouched.
    // Unchecked exclusivity: the context is used by one handler at a time (documented above), and the dynamic
    // access checks on these hot buffers cost more than writing the bytes.
    @exclusivity(unchecked) @usableFromInline package var messages: WireWriter
    @exclusivity(unchecked) package private(set) var delayedMessages = WireWriter(capacity: 0)
    @exclusivity(unchecked) @usableFromInline package var egressMessages: WireWriter

    package init(
        address: Address, storage: AddressScopedStorage, protocolVersion: ProtocolVersion,
        messages: WireWriter = WireWriter(capacity: 256), egressMessages: WireWriter = WireWriter(capacity: 256)
    ) {
        self.address = address
        self.storage = storage
        self.protocolVersion = protocolVersion
        self.messages = messages
        self.egressMessages = egressMessages
    }

    /// Gives the effect buffers back to `pool` once the response is written; the context keeps empty ones.
    package func recycleBuffers(into pool: BufferPool) {
        pool.recycle(&messages, &egressMessages)
    }

    // MARK: - Messages

    // The typed sends are inlinable so they are specialised for the value type in the caller's module: the
    // value is serialized straight into the response with no witness-table or metadata work. What does not
    // depend on the type (checks, headers) is in non-generic helpers.

    /// Sends `value` to the function at `target` (Python `send(message_builder(...))`, 2.x `pack_and_send`).
    @inlinable
    public func send<V: StateFunType>(_ value: V, to target: Address) throws {
        guard protocolVersion == .v3 else { return try sendV2(value, to: target) }
        let marks = try beginMessage(to: target, valueTypeName: V.typeName.description)
        try Self.finish(value, marks, in: &messages)
    }

    /// Serializes `value` as the argument begun by `marks` and closes the three fields around it; if
    /// serialization throws, the whole effect is removed again.
    @inlinable
    static func finish<V: StateFunType>(_ value: V, _ marks: MessageMarks, in writer: inout WireWriter) throws {
        do {
            try value.serialize(to: &writer)
        } catch {
            writer.rollBack(to: marks.invocation)
            throw error
        }
        writer.endNested(inner: marks.argument.value, middle: marks.argument.field, outer: marks.invocation)
    }

    /// Where a message being written began: `FromFunction.Invocation` and its argument.
    @usableFromInline
    struct MessageMarks {
        @usableFromInline var invocation: WireWriter.Mark
        @usableFromInline var argument: ValueCodec.TypedValueMarks
    }

    /// Checks `target` and writes, in one run, `FromFunction.Invocation{target=1, argument=2}` up to the
    /// argument's value: its target and the `TypedValue`'s typename and `has_value` (3.x).
    @usableFromInline
    func beginMessage(to target: Address, valueTypeName: String) throws(StateFunError) -> MessageMarks {
        if let problem = target.sendError { throw .invalidAddress(problem) }
        return messages.writeRun(reserving: target.wireSizeBound + valueTypeName.utf8.count + 32) { run in
            let invocation = run.beginLengthDelimited(2)
            target.write(1, to: &run)
            return MessageMarks(
                invocation: invocation, argument: ValueCodec.beginTypedValue(2, typeName: valueTypeName, in: &run))
        }
    }

    /// The 2.x form of ``send(_:to:)-(V,Address)``: the value travels as an `Any`.
    @usableFromInline
    func sendV2<V: StateFunType>(_ value: V, to target: Address) throws {
        if let problem = target.sendError { throw StateFunError.invalidAddress(problem) }
        let invocation = messages.beginLengthDelimited(2)
        target.write(1, to: &messages)
        do {
            try ValueCodec.write(value, protocolVersion, field: 2, to: &messages)
        } catch {
            messages.rollBack(to: invocation)
            throw error
        }
        messages.endLengthDelimited(invocation)
    }

    /// Sends `value` to `target` with `metadata` (the maintained fork's `TypedValue.metadata`: e.g. a
    /// `traceparent` so a tracing bridge links the receiver's span, ``MetadataEntry/traceparent(_:)``). The
    /// fork's runtime hands the entries to the receiver (its Java SDK's `MessageBuilder.withHeader`); upstream's
    /// runtimes drop them. An empty `metadata` sends exactly what ``send(_:to:)-(V,Address)`` sends. Throws on the 2.x
    /// protocol, which has no metadata.
    public func send<V: StateFunType>(_ value: V, to target: Address, metadata: [MetadataEntry]) throws {
        guard !metadata.isEmpty else { return try send(value, to: target) }
        try checkMetadata(metadata)
        if let problem = target.sendError { throw StateFunError.invalidAddress(problem) }
        try messages.writeLengthDelimited(2) { (invocation: inout WireWriter) throws(any Error) in
            target.write(1, to: &invocation)
            try ValueCodec.write(value, metadata: metadata, field: 2, to: &invocation)
        }
    }

    /// Refuses metadata on the 2.x protocol: its `Any` payloads have no field for it.
    func checkMetadata(_ metadata: [MetadataEntry]) throws(StateFunError) {
        guard protocolVersion == .v3 || metadata.isEmpty else {
            throw .invalidArgument("message metadata needs the 3.x protocol (the maintained fork's TypedValue.metadata)")
        }
    }

    /// Sends an undecoded message as it is, e.g. forwards the one received (2.x `send` of an `Any`), its
    /// ``Message/metadata`` included (as the fork's Java SDK's `MessageBuilder.fromMessage` keeps headers).
    public func send(_ message: Message, to target: Address) throws {
        if let problem = target.sendError { throw StateFunError.invalidAddress(problem) }
        try checkMetadata(message.metadata)
        let version = protocolVersion
        messages.writeMessage(2) { invocation in
            target.write(1, to: &invocation)
            ValueCodec.write(message, version, field: 2, to: &invocation)
        }
    }

    /// Sends `value` to the caller of the current message; throws when it came from an ingress.
    @inlinable
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
        let ms = try checkDelayed(target, delay, cancellationToken)
        let version = protocolVersion
        try delayedMessages.writeLengthDelimited(3) { (delayed: inout WireWriter) throws(any Error) in
            delayed.writeInt64(1, ms)
            target.write(2, to: &delayed)
            try ValueCodec.write(value, version, field: 3, to: &delayed)
            delayed.writeString(11, cancellationToken ?? "")
        }
    }

    /// Sends an undecoded message after `delay`.
    public func send(_ message: Message, to target: Address, after delay: Duration, cancellationToken: String? = nil)
        throws
    {
        let ms = try checkDelayed(target, delay, cancellationToken)
        try checkMetadata(message.metadata)
        let version = protocolVersion
        delayedMessages.writeMessage(3) { delayed in
            delayed.writeInt64(1, ms)
            target.write(2, to: &delayed)
            ValueCodec.write(message, version, field: 3, to: &delayed)
            delayed.writeString(11, cancellationToken ?? "")
        }
    }

    /// Validates a delayed send and returns its delay in milliseconds.
    private func checkDelayed(_ target: Address, _ delay: Duration, _ cancellationToken: String?) throws -> Int64 {
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
        return ms
    }

    /// Withdraws a pending delayed message sent with `token` (3.1+). Best effort: if it was already delivered,
    /// nothing happens. An empty token is an error, as in the runtime.
    public func cancelDelayedMessage(_ token: String) throws {
        guard !token.isEmpty else { throw StateFunError.invalidDelayedMessage("a cancellation token must not be empty") }
        guard protocolVersion == .v3 else {
            throw StateFunError.invalidDelayedMessage("the 2.x protocol cannot cancel delayed messages")
        }
        delayedMessages.writeMessage(3) { delayed in
            delayed.writeBool(10, true)
            delayed.writeString(11, token)
        }
    }

    // MARK: - Egress

    /// Sends a record to an egress (Kafka, Kinesis, or a typed value for any egress).
    public func send(_ record: EgressRecord) throws {
        if let reason = record.egress.validationError {
            throw StateFunError.invalidTypeName(record.egress.description, reason: reason)
        }
        let version = protocolVersion
        try egressMessages.writeLengthDelimited(4) { (egress: inout WireWriter) throws(any Error) in
            egress.writeString(1, record.egress.namespace)
            egress.writeString(2, record.egress.name)
            try record.write(version, field: 3, to: &egress)
        }
    }

    /// Sends an undecoded message to the egress `egress` as it is, e.g. forwards the one received (Python 2.x
    /// `send_egress(typename, any)`).
    package func sendEgressMessage(_ message: Message, to egress: TypeName) throws {
        if let reason = egress.validationError {
            throw StateFunError.invalidTypeName(egress.description, reason: reason)
        }
        try checkMetadata(message.metadata)
        let version = protocolVersion
        egressMessages.writeMessage(4) { egressMessage in
            egressMessage.writeString(1, egress.namespace)
            egressMessage.writeString(2, egress.name)
            ValueCodec.write(message, version, field: 3, to: &egressMessage)
        }
    }

    /// Sends a typed value to the egress `egress` (Python `send_egress(egress_message_builder(...))`).
    @inlinable
    package func sendEgressMessage<V: StateFunType>(_ value: V, to egress: TypeName) throws {
        guard protocolVersion == .v3 else { return try sendV2(value, toEgress: egress) }
        let marks = try beginEgressMessage(to: egress, valueTypeName: V.typeName.description)
        try Self.finish(value, marks, in: &egressMessages)
    }

    /// Checks `egress` and writes, in one run, `EgressMessage{egress_namespace=1, egress_type=2, argument=3}` up
    /// to the argument's value (3.x).
    @usableFromInline
    func beginEgressMessage(to egress: TypeName, valueTypeName: String) throws(StateFunError) -> MessageMarks {
        if !egress.isValid, let reason = egress.validationError {
            throw .invalidTypeName(egress.description, reason: reason)
        }
        let room = egress.namespace.utf8.count + egress.name.utf8.count + valueTypeName.utf8.count + 48
        return egressMessages.writeRun(reserving: room) { run in
            let invocation = run.beginLengthDelimited(4)
            run.writeString(1, egress.namespace)
            run.writeString(2, egress.name)
            return MessageMarks(
                invocation: invocation, argument: ValueCodec.beginTypedValue(3, typeName: valueTypeName, in: &run))
        }
    }

    /// The 2.x form of ``sendEgressMessage(_:to:)-(V,_)``: the value travels as an `Any`.
    @usableFromInline
    func sendV2<V: StateFunType>(_ value: V, toEgress egress: TypeName) throws {
        if let reason = egress.validationError {
            throw StateFunError.invalidTypeName(egress.description, reason: reason)
        }
        let message = egressMessages.beginLengthDelimited(4)
        egressMessages.writeString(1, egress.namespace)
        egressMessages.writeString(2, egress.name)
        do {
            try ValueCodec.write(value, protocolVersion, field: 3, to: &egressMessages)
        } catch {
            egressMessages.rollBack(to: message)
            throw error
        }
        egressMessages.endLengthDelimited(message)
    }
}
