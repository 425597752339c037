package import StateFunWire
// Public only for the inlinable sends (specialised in the caller's module for the value's type), which end the
// effect through the response writer; no StateFunProtocol type appears in a public signature.
public import StateFunProtocol
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
    /// The rules of ``protocolVersion`` (the handler's codec): how values are named and written, and what the
    /// protocol can carry.
    package let codec: any ProtocolCodec.Type
    /// Whether ``codec`` is ``TypedValueCodec``: the typed sends then call it directly, inlined (see
    /// ``ProtocolCodec``).
    @usableFromInline let usesTypedValueCodec: Bool
    /// The batch's observation, when its function is watched.
    /// A constant given at creation: a `var` set after it cost a dynamic exclusivity check at every access.
    package let observation: BatchObservation?
    /// What the run loops noted about a watched batch's failing or skipped invocations; made on the first note
    /// (cold path), `nil` otherwise. Unchecked exclusivity, as ``effects``: one handler at a time.
    @exclusivity(unchecked) var notes: BatchObservation.Notes?
    /// What the function declares it sends to and writes to (``Sends``, ``Emits``); `nil` when it declares
    /// nothing, and then its sends are not checked.
    package let routing: DeclaredRouting?

    /// The batch's answer being written: every effect is encoded as it is produced, straight into the
    /// response (StateFunProtocol's `FromFunctionWriter` owns the field numbers), so a batch allocates no
    /// intermediate values. A send that fails leaves it untouched.
    /// Unchecked exclusivity: the context is used by one handler at a time (documented above), and the dynamic
    /// access checks on these hot buffers cost more than writing the bytes.
    @exclusivity(unchecked) @usableFromInline package var effects: FromFunctionWriter

    package init(
        address: Address, storage: AddressScopedStorage, codec: any ProtocolCodec.Type,
        messages: WireWriter = WireWriter(capacity: 256), egressMessages: WireWriter = WireWriter(capacity: 256),
        routing: DeclaredRouting? = nil, observation: BatchObservation? = nil
    ) {
        self.routing = routing
        self.observation = observation
        self.address = address
        self.storage = storage
        self.codec = codec
        usesTypedValueCodec = codec == TypedValueCodec.self
        // The 3.x codec's constants read directly: through the metatype's witnesses they were two calls per batch.
        protocolVersion = usesTypedValueCodec ? TypedValueCodec.version : codec.version
        effects = FromFunctionWriter(
            usesTypedValueCodec ? TypedValueCodec.wire : codec.wire, messages: messages, egressMessages: egressMessages)
    }

    /// Notes, for a watched batch, that invocation `index`, whose message has `typeName`, failed.
    package func noteFailure(at index: Int, typeName: @autoclosure () -> String) {
        guard observation != nil else { return }
        let notes = self.notes ?? BatchObservation.Notes()
        notes.failedIndex = index
        notes.failedTypeName = typeName()
        self.notes = notes
    }

    /// Notes, for a watched batch, that the failure policy skipped an invocation (dead-lettered or discarded it).
    package func noteSkipped(_ report: @autoclosure () -> FailureReport) {
        guard observation != nil else { return }
        let notes = self.notes ?? BatchObservation.Notes()
        notes.skipped.append(report())
        self.notes = notes
    }

    /// Gives the effect buffers back to `pool` once the response is written; the context keeps empty ones.
    package func recycleBuffers(into pool: BufferPool) {
        pool.recycle(&effects.messages, &effects.egressMessages)
    }

    // MARK: - Messages

    // The typed sends are inlinable so that, with the 3.x codec, they are specialised for the value type in the
    // caller's module: the value is serialized straight into the response with no witness-table or metadata
    // work. Another codec is called through the protocol. What does not depend on the type (checks, headers) is
    // in non-generic helpers.

    /// Sends `value` to the function at `target` (Python `send(message_builder(...))`, 2.x `pack_and_send`).
    @inlinable
    public func send<V: StateFunType>(_ value: V, to target: Address) throws {
        guard usesTypedValueCodec else { return try sendThroughCodec(value, to: target) }
        try TypedValueCodec.writeMessage(value, to: target, in: self)
    }

    /// Checks a message can be sent to `target`: a valid address the function's declared routing allows.
    @usableFromInline @inline(__always)
    func check(_ target: Address) throws(StateFunError) {
        if let problem = target.sendError { throw .invalidAddress(problem) }
        try checkRouting(to: target)
    }

    /// Checks `target` and begins a 3.x message to it, up to its argument's value: one call per typed send,
    /// made from the caller's module. A method of the context rather than a static of ``TypedValueCodec``, whose
    /// unused metatype argument made the optimizer put a forwarding thunk (and a copy of the marks) in front of
    /// every such call.
    @usableFromInline
    func beginMessage(to target: Address, typeName: String) throws(StateFunError) -> FromFunctionWriter.ArgumentMarks {
        try check(target)
        return effects.beginMessage(to: target.wireFields, typeName: typeName)
    }

    /// Checks `egress` and begins a 3.x egress message to it, up to its argument's value (see
    /// ``beginMessage(to:typeName:)``).
    @usableFromInline
    func beginEgressMessage(to egress: TypeName, typeName: String) throws(StateFunError)
        -> FromFunctionWriter.ArgumentMarks
    {
        try checkEgress(egress)
        return effects.beginEgressMessage(namespace: egress.namespace, type: egress.name, typeName: typeName)
    }

    /// ``send(_:to:)-(V,Address)`` through the protocol, for a codec other than ``TypedValueCodec``.
    @usableFromInline
    func sendThroughCodec<V: StateFunType>(_ value: V, to target: Address) throws {
        try codec.writeMessage(value, to: target, in: self)
    }

    /// Sends `value` to `target` with `metadata` (the maintained fork's `TypedValue.metadata`: e.g. a
    /// `traceparent` so a tracing bridge links the receiver's span, ``MetadataEntry/traceparent(_:)``). The
    /// fork's runtime hands the entries to the receiver (its Java SDK's `MessageBuilder.withHeader`); upstream's
    /// runtimes drop them. An empty `metadata` sends exactly what ``send(_:to:)-(V,Address)`` sends. Throws on the 2.x
    /// protocol, which has no metadata.
    public func send<V: StateFunType>(_ value: V, to target: Address, metadata: [MetadataEntry]) throws {
        guard !metadata.isEmpty else { return try send(value, to: target) }
        try codec.checkMetadata(metadata)
        try check(target)
        try effects.writeMessage(
            to: target.wireFields, typeName: V.typeName.description, metadata: Self.wireMetadata(metadata)
        ) { (writer: inout WireWriter) throws(any Error) in try value.serialize(to: &writer) }
    }

    /// Metadata entries as the response writer takes them (no array is made for none, the usual case).
    static func wireMetadata(_ metadata: [MetadataEntry]) -> [FromFunctionWriter.MetadataEntry] {
        metadata.isEmpty ? [] : metadata.map { ($0.key, $0.value?[...]) }
    }

    /// Sends an undecoded message as it is, e.g. forwards the one received (2.x `send` of an `Any`), its
    /// ``Message/metadata`` included (as the fork's Java SDK's `MessageBuilder.fromMessage` keeps headers).
    public func send(_ message: Message, to target: Address) throws {
        try check(target)
        try codec.checkMetadata(message.metadata)
        try effects.writeMessage(
            to: target.wireFields, typeName: message.typeName, hasValue: message.payload != nil,
            metadata: Self.wireMetadata(message.metadata)
        ) { writer in writer.writeRaw(message.payload ?? []) }
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

    // MARK: - Declared routing

    /// Throws when the function declares its routing (``Sends``, ``Emits``) and `target` is not in it: not a
    /// declared function type, the function's own type, or the current message's caller (issue 17: a mistake
    /// fails at the first send, the same in every mode).
    @inline(__always)
    func checkRouting(to target: Address) throws(StateFunError) {
        if let routing, !routing.allowsSend(to: target, caller: currentCaller) {
            throw .undeclaredSend(function: address.typeName, target: target)
        }
    }

    /// Throws when the function declares its routing and `egress` is not among its ``Emits``.
    @inline(__always)
    func checkRouting(toEgress egress: TypeName) throws(StateFunError) {
        if let routing, !routing.allowsEgress(egress) {
            throw .undeclaredEgress(function: address.typeName, egress: egress)
        }
    }

    // MARK: - Delayed messages

    /// Sends `value` to `target` after `delay`. A non-empty `cancellationToken` lets a later
    /// ``cancelDelayedMessage(_:)`` withdraw it (3.1+; the runtime fails if two pending messages share a token).
    public func send<V: StateFunType>(
        _ value: V, to target: Address, after delay: Duration, cancellationToken: String? = nil
    ) throws {
        let ms = try checkDelayed(target, delay, cancellationToken)
        let codec = self.codec
        try effects.writeDelayedMessage(
            to: target.wireFields, delayInMs: ms, cancellationToken: cancellationToken ?? "",
            typeName: codec.typeName(of: V.self)
        ) { (writer: inout WireWriter) throws(any Error) in try codec.write(value, to: &writer) }
    }

    /// Sends an undecoded message after `delay`.
    public func send(_ message: Message, to target: Address, after delay: Duration, cancellationToken: String? = nil)
        throws
    {
        let ms = try checkDelayed(target, delay, cancellationToken)
        try codec.checkMetadata(message.metadata)
        try effects.writeDelayedMessage(
            to: target.wireFields, delayInMs: ms, cancellationToken: cancellationToken ?? "", typeName: message.typeName,
            hasValue: message.payload != nil, metadata: Self.wireMetadata(message.metadata)
        ) { writer in writer.writeRaw(message.payload ?? []) }
    }

    /// Validates a delayed send and returns its delay in milliseconds.
    private func checkDelayed(_ target: Address, _ delay: Duration, _ cancellationToken: String?) throws -> Int64 {
        try check(target)
        let ms = delay.statefunMilliseconds
        guard ms >= 0 else { throw StateFunError.invalidDelayedMessage("the delay \(delay) is negative") }
        try codec.checkDelay(delay, cancellationToken: cancellationToken)
        return ms
    }

    /// Withdraws a pending delayed message sent with `token` (3.1+). Best effort: if it was already delivered,
    /// nothing happens. An empty token is an error, as in the runtime.
    public func cancelDelayedMessage(_ token: String) throws {
        guard !token.isEmpty else { throw StateFunError.invalidDelayedMessage("a cancellation token must not be empty") }
        try codec.checkCancellation()
        effects.writeCancellation(token: token)
    }

    // MARK: - Egress

    /// Sends a record to an egress (Kafka, Kinesis, or a typed value for any egress).
    public func send(_ record: EgressRecord) throws {
        try checkEgress(record.egress)
        try writeEgressRecord(record)
    }

    /// Writes `record` into the answer: for ``send(_:)-(EgressRecord)`` after its checks, and for the dead-letter
    /// record of the failure policy, which the SDK writes on the function's behalf (its egress is checked by
    /// `validate`, not by the function's declared routing).
    package func writeEgressRecord(_ record: EgressRecord) throws {
        let egress = record.egress
        if let reason = egress.validationError { throw StateFunError.invalidTypeName(egress.description, reason: reason) }
        let codec = self.codec
        switch record.kind {
        case .value(let value):
            func write<V: StateFunType>(_ value: V) throws {
                try effects.writeEgressMessage(
                    namespace: egress.namespace, type: egress.name, typeName: codec.typeName(of: V.self)
                ) { (writer: inout WireWriter) throws(any Error) in try codec.write(value, to: &writer) }
            }
            try write(value)
        case .kafka(let topic, let key, let value, let headers):
            guard !topic.isEmpty else { throw StateFunError.invalidArgument("a Kafka egress record needs a topic") }
            try codec.checkKafkaHeaders(headers)
            try effects.writeKafkaRecord(
                egressNamespace: egress.namespace, egressType: egress.name, topic: topic, key: key ?? "",
                headers: Self.wireMetadata(headers)
            ) { (writer: inout WireWriter) throws(any Error) in try value.write(codec, kinesis: false, to: &writer) }
        case .kinesis(let stream, let partitionKey, let explicitHashKey, let value):
            guard !stream.isEmpty else { throw StateFunError.invalidArgument("a Kinesis egress record needs a stream") }
            try effects.writeKinesisRecord(
                egressNamespace: egress.namespace, egressType: egress.name, stream: stream, partitionKey: partitionKey,
                explicitHashKey: explicitHashKey ?? ""
            ) { (writer: inout WireWriter) throws(any Error) in try value.write(codec, kinesis: true, to: &writer) }
        }
    }

    /// Sends an undecoded message to the egress `egress` as it is, e.g. forwards the one received (Python 2.x
    /// `send_egress(typename, any)`).
    package func sendEgressMessage(_ message: Message, to egress: TypeName) throws {
        try checkEgress(egress)
        try codec.checkMetadata(message.metadata)
        try effects.writeEgressMessage(
            namespace: egress.namespace, type: egress.name, typeName: message.typeName, hasValue: message.payload != nil,
            metadata: Self.wireMetadata(message.metadata)
        ) { writer in writer.writeRaw(message.payload ?? []) }
    }

    /// Sends a typed value to the egress `egress` (Python `send_egress(egress_message_builder(...))`).
    @inlinable
    package func sendEgressMessage<V: StateFunType>(_ value: V, to egress: TypeName) throws {
        guard usesTypedValueCodec else { return try sendThroughCodec(value, toEgress: egress) }
        try TypedValueCodec.writeEgressMessage(value, to: egress, in: self)
    }

    /// ``sendEgressMessage(_:to:)-(V,_)`` through the protocol, for a codec other than ``TypedValueCodec``.
    @usableFromInline
    func sendThroughCodec<V: StateFunType>(_ value: V, toEgress egress: TypeName) throws {
        try codec.writeEgressMessage(value, to: egress, in: self)
    }

    /// Checks a message can be sent to the egress `egress`: a valid typename the declared routing allows.
    @usableFromInline @inline(__always)
    func checkEgress(_ egress: TypeName) throws(StateFunError) {
        if !egress.isValid, let reason = egress.validationError {
            throw .invalidTypeName(egress.description, reason: reason)
        }
        try checkRouting(toEgress: egress)
    }
}
