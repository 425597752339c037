// Public: the SDK's inlinable sends (specialised in the caller's module) end an effect through this writer, so
// the few members they use are `@usableFromInline` and may only name public types of the codec.
public import StateFunWire

/// Writes `FromFunction`, a function's answer to one batch, as the handlers produce it.
///
/// The one place that knows, on the writing side, the field numbers of `FromFunction` and everything it embeds:
/// `InvocationResponse`, `PersistedValueMutation`, `FromFunction.Invocation`, `DelayedInvocation`,
/// `EgressMessage`, the argument's `TypedValue` (3.x) or `google.protobuf.Any` (2.x), and the Kafka and Kinesis
/// egress records (protocol.md §1.2, §1.3). The model, ``FromFunction``, reads what this writes
/// (FromFunctionWriterTests holds the two together).
///
/// Each effect is encoded when it is produced, straight into the buffer of its repeated field of
/// `InvocationResponse` (`outgoing_messages = 2`, `delayed_invocations = 3`, `outgoing_egresses = 4`), so a batch
/// makes no intermediate values; ``response(mutations:limit:)`` then writes the mutations and copies the three
/// buffers into one answer of its exact size. An effect whose value fails to serialize leaves the buffers as
/// they were.
///
/// The argument's value is written by the caller, through a closure that gets the buffer (the SDK's types are
/// not known here); the hot 3.x sends begin an effect in one ``WireWriter/Run`` and end it with one length
/// fix-up (``beginMessage(to:typeName:)``, ``endMessage(_:value:)``).
@usableFromInline
package struct FromFunctionWriter {
    /// The protocol the answer is written in: its arguments are `TypedValue`s (3.x) or `Any`s (2.x), its state
    /// values `TypedValue`s (3.x) or the bytes of a serialized `Any` (2.x).
    @usableFromInline
    package enum Version: Sendable {
        case v2
        case v3
    }

    /// Where an effect being written began: the effect, its argument and the argument's value bytes.
    @usableFromInline
    package struct ArgumentMarks {
        @usableFromInline var effect: WireWriter.Mark
        @usableFromInline var argument: WireWriter.Mark
        @usableFromInline var value: WireWriter.Mark

        @inlinable
        init(effect: WireWriter.Mark, argument: WireWriter.Mark, value: WireWriter.Mark) {
            self.effect = effect
            self.argument = argument
            self.value = value
        }
    }

    /// A written or deleted state, as `PersistedValueMutation` goes on the wire: a value (MODIFY) or none
    /// (DELETE).
    @usableFromInline
    package struct StateMutation {
        @usableFromInline package var stateName: String
        @usableFromInline package var typeName: String
        @usableFromInline package var bytes: ArraySlice<UInt8>
        @usableFromInline package var isDelete: Bool

        /// A MODIFY to `bytes` of type `typeName` (3.x: the `TypedValue`'s typename; 2.x: the `Any`'s type URL).
        @inlinable
        package init(stateName: String, typeName: String, bytes: ArraySlice<UInt8>) {
            self.stateName = stateName
            self.typeName = typeName
            self.bytes = bytes
            isDelete = false
        }

        /// A DELETE of `stateName`.
        @inlinable
        package init(deleting stateName: String) {
            self.stateName = stateName
            typeName = ""
            bytes = []
            isDelete = true
        }
    }

    /// One entry of the maintained fork's `TypedValue.metadata` (or `KafkaProducerRecord.headers`): a key and a
    /// value, `nil` for a null value.
    package typealias MetadataEntry = (key: String, value: ArraySlice<UInt8>?)

    /// An address as the writer takes it: its three fields (`Address{namespace=1, type=2, id=3}`).
    @usableFromInline package typealias Target = (namespace: String, type: String, id: String)

    /// The protocol this answer is written in.
    @usableFromInline package let version: Version
    // One buffer per repeated field of InvocationResponse, each holding whole fields (key, length, message).
    // Package so the buffers can go back to a pool; only this type writes into them.
    /// `InvocationResponse.outgoing_messages = 2`.
    @usableFromInline package var messages: WireWriter
    /// `InvocationResponse.delayed_invocations = 3` (delayed messages and cancellations); rare, so it starts
    /// with no capacity.
    @usableFromInline package var delayedMessages: WireWriter
    /// `InvocationResponse.outgoing_egresses = 4`.
    @usableFromInline package var egressMessages: WireWriter

    /// An empty answer in `version`, writing its messages and egress records into the given buffers.
    package init(
        _ version: Version, messages: WireWriter = WireWriter(capacity: 256),
        egressMessages: WireWriter = WireWriter(capacity: 256)
    ) {
        self.version = version
        self.messages = messages
        delayedMessages = WireWriter(capacity: 0)
        self.egressMessages = egressMessages
    }

    /// How many bytes the effects take so far (state mutations are written only by ``response(mutations:limit:)``).
    @inlinable
    package var effectBytes: Int { messages.count &+ delayedMessages.count &+ egressMessages.count }

    /// How far each effect buffer is written: taken before an invocation, so that its effects can be dropped
    /// again (``rollBack(to:)``) when the function's failure policy skips it.
    package struct Checkpoint: Sendable {
        let messages: Int
        let delayedMessages: Int
        let egressMessages: Int
    }

    /// The effects written so far, as a point to roll back to.
    package var checkpoint: Checkpoint {
        Checkpoint(messages: messages.count, delayedMessages: delayedMessages.count, egressMessages: egressMessages.count)
    }

    /// Drops every effect written since `checkpoint` was taken (each buffer holds whole fields, so cutting them
    /// at an earlier length leaves well-formed effects).
    package mutating func rollBack(to checkpoint: Checkpoint) {
        messages.truncate(to: checkpoint.messages)
        delayedMessages.truncate(to: checkpoint.delayedMessages)
        egressMessages.truncate(to: checkpoint.egressMessages)
    }

    // MARK: - Messages

    /// 3.x: writes `FromFunction.Invocation{target=1, argument=2}` in one run, up to the `TypedValue`'s value
    /// bytes (its typename, `has_value`); the caller serializes the value next and ends with
    /// ``endMessage(_:value:)``.
    ///
    /// Inlinable, as is ``beginEgressMessage(namespace:type:typeName:)``: inlined into the SDK's send, the run
    /// returns its marks straight to the inlined send instead of through one more call (each return of the
    /// 48-byte marks through memory stalled on store forwarding; greeter_batch10 measured 2-3 % slower).
    @inlinable @inline(__always)
    package mutating func beginMessage(to target: Target, typeName: String) -> ArgumentMarks {
        let room = AddressWire.sizeBound(namespace: target.namespace, type: target.type, id: target.id)
        return messages.writeRun(reserving: room + typeName.utf8.count + 32) { run in
            let invocation = run.beginLengthDelimited(2)
            AddressWire.write(1, namespace: target.namespace, type: target.type, id: target.id, to: &run)
            return Self.beginTypedValue(2, typeName: typeName, effect: invocation, in: &run)
        }
    }

    /// Serializes the value of a message begun with ``beginMessage(to:typeName:)`` with `value` and closes the
    /// three fields around it; if `value` throws, the whole message is removed again.
    @inlinable
    package mutating func endMessage<E: Error>(
        _ marks: ArgumentMarks, value: (inout WireWriter) throws(E) -> Void
    ) throws(E) {
        try Self.finish(marks, in: &messages, value)
    }

    /// Writes a message to `target` (either protocol): `FromFunction.Invocation{target=1, argument=2}`, the
    /// argument of type `typeName` with the bytes `value` writes. `hasValue: false` (3.x) sends a value-less
    /// `TypedValue`. Nothing stays written if `value` throws.
    package mutating func writeMessage(
        to target: Target, typeName: String, hasValue: Bool = true, metadata: [MetadataEntry] = [],
        value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let version = self.version
        try messages.writeLengthDelimited(2) { (invocation: inout WireWriter) throws(any Error) in
            AddressWire.write(1, target, to: &invocation)
            try Self.writeArgument(
                2, version, typeName: typeName, hasValue: hasValue, metadata: metadata, in: &invocation, value)
        }
    }

    // MARK: - Delayed messages

    /// Writes `DelayedInvocation{delay_in_ms=1, target=2, argument=3, cancellation_token=11}` (the token since
    /// 3.1; empty writes nothing). Nothing stays written if `value` throws.
    package mutating func writeDelayedMessage(
        to target: Target, delayInMs: Int64, cancellationToken: String, typeName: String,
        hasValue: Bool = true, metadata: [MetadataEntry] = [], value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let version = self.version
        try delayedMessages.writeLengthDelimited(3) { (delayed: inout WireWriter) throws(any Error) in
            delayed.writeInt64(1, delayInMs)
            AddressWire.write(2, target, to: &delayed)
            try Self.writeArgument(
                3, version, typeName: typeName, hasValue: hasValue, metadata: metadata, in: &delayed, value)
            delayed.writeString(11, cancellationToken)
        }
    }

    /// Writes the cancellation of the delayed message sent with `token`: `DelayedInvocation` with only
    /// `is_cancellation_request=10` and `cancellation_token=11` (3.1+).
    package mutating func writeCancellation(token: String) {
        delayedMessages.writeMessage(3) { delayed in
            delayed.writeBool(10, true)
            delayed.writeString(11, token)
        }
    }

    // MARK: - Egress

    /// 3.x: writes `EgressMessage{egress_namespace=1, egress_type=2, argument=3}` in one run, up to the
    /// `TypedValue`'s value bytes; end it with ``endEgressMessage(_:value:)``.
    @inlinable @inline(__always)
    package mutating func beginEgressMessage(namespace: String, type: String, typeName: String) -> ArgumentMarks {
        let room = namespace.utf8.count + type.utf8.count + typeName.utf8.count + 48
        return egressMessages.writeRun(reserving: room) { run in
            let egress = run.beginLengthDelimited(4)
            run.writeString(1, namespace)
            run.writeString(2, type)
            return Self.beginTypedValue(3, typeName: typeName, effect: egress, in: &run)
        }
    }

    /// Serializes the value of an egress message begun with ``beginEgressMessage(namespace:type:typeName:)``;
    /// if `value` throws, the whole egress message is removed again.
    @inlinable
    package mutating func endEgressMessage<E: Error>(
        _ marks: ArgumentMarks, value: (inout WireWriter) throws(E) -> Void
    ) throws(E) {
        try Self.finish(marks, in: &egressMessages, value)
    }

    /// Writes an egress message (either protocol): `EgressMessage{egress_namespace=1, egress_type=2, argument=3}`
    /// with an argument of type `typeName` whose bytes `value` writes. Nothing stays written if `value` throws.
    package mutating func writeEgressMessage(
        namespace: String, type: String, typeName: String, hasValue: Bool = true, metadata: [MetadataEntry] = [],
        value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let version = self.version
        try egressMessages.writeLengthDelimited(4) { (egress: inout WireWriter) throws(any Error) in
            egress.writeString(1, namespace)
            egress.writeString(2, type)
            try Self.writeArgument(
                3, version, typeName: typeName, hasValue: hasValue, metadata: metadata, in: &egress, value)
        }
    }

    /// Writes a Kafka record for the egress `namespace/type`: a ``KafkaProducerRecord`` `{key=1, value_bytes=2,
    /// topic=3}` as the argument, under its 3.x typename or 2.x type URL; `value` writes the record's value
    /// bytes. An empty key writes none (the runtime then sends the record without a key). `headers` are the
    /// maintained fork's `headers = 4` (kafka-egress.proto), none written when there are none (upstream's bytes).
    package mutating func writeKafkaRecord(
        egressNamespace namespace: String, egressType type: String, topic: String, key: String,
        headers: [MetadataEntry] = [], value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let typeName = version == .v3 ? KafkaProducerRecord.typeNameV3 : KafkaProducerRecord.typeURLV2
        try writeEgressMessage(namespace: namespace, type: type, typeName: typeName) {
            (record: inout WireWriter) throws(any Error) in
            record.writeString(1, key)
            try record.writeLengthDelimited(2, presence: .implicit, value)
            record.writeString(3, topic)
            for header in headers {
                KafkaProducerRecord.Header.write(key: header.key, value: header.value, field: 4, to: &record)
            }
        }
    }

    /// Writes a Kinesis record for the egress `namespace/type`: a ``KinesisEgressRecord`` `{partition_key=1,
    /// value_bytes=2, stream=3, explicit_hash_key=4}` as the argument, under its 3.x typename or 2.x type URL;
    /// `value` writes the record's value bytes.
    package mutating func writeKinesisRecord(
        egressNamespace namespace: String, egressType type: String, stream: String, partitionKey: String,
        explicitHashKey: String, value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let typeName = version == .v3 ? KinesisEgressRecord.typeNameV3 : KinesisEgressRecord.typeURLV2
        try writeEgressMessage(namespace: namespace, type: type, typeName: typeName) {
            (record: inout WireWriter) throws(any Error) in
            record.writeString(1, partitionKey)
            try record.writeLengthDelimited(2, presence: .implicit, value)
            record.writeString(3, stream)
            record.writeString(4, explicitHashKey)
        }
    }

    // MARK: - The answer

    /// `FromFunction{invocation_result=100{state_mutations=1..., then the effects}}` in one buffer of its exact
    /// size; `nil` when that size is over `limit` bytes. `mutations` hands each mutation, in order, to the
    /// closure it gets; it is called twice (for the size, then for the bytes) and must hand the same ones.
    ///
    /// A batch with neither effects nor mutations answers an empty body, as the official SDKs do: they touch
    /// `invocation_result` only through its repeated fields, so an empty result leaves the oneof unset, which the
    /// runtime reads as an empty `InvocationResponse` (protocol.md §4).
    ///
    /// Inlinable: the SDK's `mutations` closure is then inlined here, and no mutation is made as a value twice
    /// through a closure call across the module (the answer of a one-invocation batch measured 2 % faster).
    @inlinable
    package func response(limit: Int, mutations: ((StateMutation) -> Void) -> Void) -> [UInt8]? {
        let version = self.version
        var content = effectBytes
        var count = 0
        mutations { mutation in
            count += 1
            content += WireWriter.lengthDelimitedSize(1, count: Self.mutationSize(mutation, version), presence: .explicit)
        }
        if count == 0, content == 0 { return [] }
        let size = WireWriter.lengthDelimitedSize(100, count: content, presence: .explicit)
        guard size <= limit else { return nil }
        var out = WireWriter(capacity: size)
        out.writeMessage(100) { result in
            mutations { mutation in
                result.writeMessage(1) { Self.writeMutation(mutation, version, to: &$0) }
            }
            result.writeRaw(messages)
            result.writeRaw(delayedMessages)
            result.writeRaw(egressMessages)
        }
        return out.takeBytes()
    }

    /// `FromFunction{incomplete_invocation_context=101{missing_values=1...}}` (3.x): the states the function
    /// declares and the runtime did not send, written by the model.
    package static func incompleteInvocationContext<Address, Argument, StateValue>(
        missing: [FromFunction<Address, Argument, StateValue>.PersistedValueSpec]
    ) -> [UInt8] {
        FromFunction<Address, Argument, StateValue>(response: .incompleteInvocationContext(.init(missingValues: missing)))
            .serialized()
    }

    // MARK: - Pieces

    /// The content size of a `PersistedValueMutation`.
    @inlinable
    static func mutationSize(_ mutation: StateMutation, _ version: Version) -> Int {
        let name = WireWriter.lengthDelimitedSize(2, count: mutation.stateName.utf8.count)
        if mutation.isDelete { return name }
        let typeName = WireWriter.lengthDelimitedSize(1, count: mutation.typeName.utf8.count)
        switch version {
        case .v3:
            // TypedValue{typename=1, has_value=2 (2 bytes), value=3}, a message field: always written.
            let typed = typeName + 2 + WireWriter.lengthDelimitedSize(3, count: mutation.bytes.count)
            return 2 + name + WireWriter.lengthDelimitedSize(3, count: typed, presence: .explicit)
        case .v2:
            // The serialized Any{type_url=1, value=2} as opaque `bytes`: omitted when empty.
            let any = typeName + WireWriter.lengthDelimitedSize(2, count: mutation.bytes.count)
            return 2 + name + WireWriter.lengthDelimitedSize(3, count: any)
        }
    }

    /// Writes `PersistedValueMutation{mutation_type=1, state_name=2, state_value=3}`. DELETE is 0, so a DELETE
    /// is the name alone.
    @usableFromInline
    static func writeMutation(_ mutation: StateMutation, _ version: Version, to writer: inout WireWriter) {
        if mutation.isDelete {
            writer.writeString(2, mutation.stateName)
            return
        }
        writer.writeEnum(1, 1)  // mutation_type = MODIFY
        writer.writeString(2, mutation.stateName)
        switch version {
        case .v3:
            writer.writeMessage(3) { typed in
                typed.writeString(1, mutation.typeName)
                typed.writeBool(2, true)
                typed.writeBytes(3, mutation.bytes)
            }
        case .v2:
            // 2.x state is opaque bytes: the serialized Any, as the Python 2.2 SDK stores it.
            writer.writeLengthDelimited(3, presence: .implicit) { any in
                any.writeString(1, mutation.typeName)
                any.writeBytes(2, mutation.bytes)
            }
        }
    }

    /// Writes field `field`'s key, then `TypedValue{typename=1, has_value=2}`, and starts its `value=3`.
    @inlinable @inline(__always)
    static func beginTypedValue(
        _ field: UInt32, typeName: String, effect: WireWriter.Mark, in run: inout WireWriter.Run
    ) -> ArgumentMarks {
        let typedValue = run.beginLengthDelimited(field)
        run.writeString(1, typeName)
        run.writeBool(2, true)
        return ArgumentMarks(effect: effect, argument: typedValue, value: run.beginLengthDelimited(3))
    }

    /// Writes the value begun by `marks` and closes the three fields; on an error, removes the whole effect.
    @inlinable @inline(__always)
    static func finish<E: Error>(
        _ marks: ArgumentMarks, in writer: inout WireWriter, _ value: (inout WireWriter) throws(E) -> Void
    ) throws(E) {
        do {
            try value(&writer)
        } catch {
            writer.rollBack(to: marks.effect)
            throw error
        }
        writer.endNested(inner: marks.value, middle: marks.argument, outer: marks.effect)
    }

    /// Writes an argument as field `field`: `TypedValue{typename=1, has_value=2, value=3, metadata=4}` (3.x;
    /// `metadata` is the maintained fork's, none written when empty) or `Any{type_url=1, value=2}` (2.x, which
    /// has no metadata: the SDK refuses it before), its value bytes written by `value` (an empty value is
    /// omitted, as proto3 does). Nothing stays written if `value` throws.
    static func writeArgument(
        _ field: UInt32, _ version: Version, typeName: String, hasValue: Bool, metadata: [MetadataEntry],
        in writer: inout WireWriter, _ value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let argument = writer.beginLengthDelimited(field)
        writer.writeString(1, typeName)
        let bytes: WireWriter.Mark
        switch version {
        case .v3:
            writer.writeBool(2, hasValue)
            bytes = writer.beginLengthDelimited(3)
        case .v2:
            bytes = writer.beginLengthDelimited(2)
        }
        do {
            try value(&writer)
        } catch {
            writer.rollBack(to: argument)
            throw error
        }
        writer.endLengthDelimited(bytes, presence: .implicit)
        if version == .v3 {
            for entry in metadata { TypedValue.Metadata.write(key: entry.key, value: entry.value, to: &writer) }
        }
        writer.endLengthDelimited(argument)
    }
}
