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
    /// How many effects of each kind the buffers hold, counted as they are written (one add per effect), so that
    /// the metrics read them instead of parsing the buffers (EffectTally).
    @usableFromInline package var messageCount = 0
    @usableFromInline package var delayedMessageCount = 0
    @usableFromInline package var cancellationCount = 0
    @usableFromInline package var egressRecordCount = 0

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
        /// The effect counts then: message, delayed message, cancellation and egress record.
        let counts: (Int, Int, Int, Int)
    }

    /// The effects written so far, as a point to roll back to.
    package var checkpoint: Checkpoint {
        Checkpoint(
            messages: messages.count, delayedMessages: delayedMessages.count, egressMessages: egressMessages.count,
            counts: (messageCount, delayedMessageCount, cancellationCount, egressRecordCount))
    }

    /// Drops every effect written since `checkpoint` was taken (each buffer holds whole fields, so cutting them
    /// at an earlier length leaves well-formed effects).
    package mutating func rollBack(to checkpoint: Checkpoint) {
        messages.truncate(to: checkpoint.messages)
        delayedMessages.truncate(to: checkpoint.delayedMessages)
        egressMessages.truncate(to: checkpoint.egressMessages)
        (messageCount, delayedMessageCount, cancellationCount, egressRecordCount) = checkpoint.counts
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
        messageCount &+= 1
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
        messageCount &+= 1
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
        delayedMessageCount &+= 1
    }

    /// Writes the cancellation of the delayed message sent with `token`: `DelayedInvocation` with only
    /// `is_cancellation_request=10` and `cancellation_token=11` (3.1+).
    package mutating func writeCancellation(token: String) {
        delayedMessages.writeMessage(3) { delayed in
            delayed.writeBool(10, true)
            delayed.writeString(11, token)
        }
        cancellationCount &+= 1
    }
}
