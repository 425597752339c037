package import StateFunWire
package import StateFunProtocol
/// One protocol version's rules in one place: how a value is named, written, read and matched, what the
/// protocol can carry, how the handler answers a request, and how the embedded runtime speaks it.
///
/// The two versions are incompatible wire shapes and a deployment uses one (`protocol.md` §1), so the codec is
/// chosen once, from the ``ProtocolVersion`` the user gave, where a handler, a `LocalRuntime`, a test invocation
/// or the development server is made (``ProtocolVersion/codec``); everything below asks it instead of asking
/// which version it speaks. ``TypedValueCodec`` is 3.x (`TypedValue`), ``AnyCodec`` is 2.x
/// (`google.protobuf.Any`). Codecs are caseless enums used through their metatype: a call is one indirect call,
/// with no instance to allocate or retain.
///
/// The typed hot paths (``Context``'s sends, ``AddressScopedStorage``'s `get`/`set`) call ``TypedValueCodec``'s
/// inlinable methods directly when it is the codec in use, so they stay specialised for the value's type in the
/// caller's module (a call through the protocol is not: measured about 10% slower per batch); any other codec is
/// called through the protocol. Only the call is devirtualised there: the rules stay in the codec.
package protocol ProtocolCodec: Sendable {
    /// The version this codec speaks.
    static var version: ProtocolVersion { get }
    /// The same version as StateFunProtocol's response writer takes it.
    static var wire: FromFunctionWriter.Version { get }

    // MARK: Values

    /// The typename (3.x) or `Any` type URL (2.x) values of `V` carry.
    static func typeName<V: StateFunType>(of type: V.Type) -> String
    /// The same for a type known by its two names (a declared state, a handler's accepted type).
    static func typeName(_ typeName: TypeName, anyTypeURL: String) -> String
    /// Appends `value`'s serialized bytes (no `TypedValue`/`Any` around them) to `writer`.
    static func write<V: StateFunType>(_ value: V, to writer: inout WireWriter) throws
    /// Decodes bytes written by ``write(_:to:)``.
    static func decode<V: StateFunType>(_ bytes: ArraySlice<UInt8>, as type: V.Type) throws -> V
    /// Whether a received typename names the type `expected` names, under the protocol's matching rule.
    static func matches(_ received: String, expected: String) -> Bool

    // MARK: Effects

    /// Checks `target` and writes a message carrying `value` to it into `context`'s answer; nothing stays
    /// written if it throws.
    static func writeMessage<V: StateFunType>(_ value: V, to target: Address, in context: Context) throws
    /// Checks `egress` and writes an egress message carrying `value` to it into `context`'s answer.
    static func writeEgressMessage<V: StateFunType>(_ value: V, to egress: TypeName, in context: Context) throws

    // MARK: What the protocol carries

    /// Whether messages carry metadata (the maintained fork's `TypedValue.metadata`, Kafka record headers).
    static var carriesMetadata: Bool { get }
    /// Checks a delayed send's delay and cancellation token.
    static func checkDelay(_ delay: Duration, cancellationToken: String?) throws(StateFunError)
    /// Checks that a delayed message can be cancelled.
    static func checkCancellation() throws(StateFunError)
    /// Whether the SDK registers its states with the runtime (3.x `IncompleteInvocationContext`, state values
    /// typed); otherwise module.yaml lists them and values are opaque bytes (2.x).
    static var registersStates: Bool { get }
    /// The typename of a Kafka egress record (`KafkaProducerRecord`) under this protocol.
    static var kafkaRecordTypeName: String { get }
    /// The typename of a Kinesis egress record (`KinesisEgressRecord`) under this protocol.
    static var kinesisRecordTypeName: String { get }

    // MARK: Serving

    /// Answers one request body for `handler` (see ``RequestReplyHandler/handle(_:)``).
    static func answer(_ body: [UInt8], for handler: RequestReplyHandler) async throws(StateFunError) -> [UInt8]

    // MARK: The embedded runtime and the testing library

    /// A serialized `ToFunction` for `target` carrying `states` and `invocations`.
    static func request(target: Address, states: [StateSlot], invocations: [Envelope]) -> [UInt8]
    /// Decodes a serialized `FromFunction`.
    static func response(_ bytes: [UInt8]) throws(RuntimeError) -> BatchResponse
    /// A stored state value as the runtime sends it: `bytes` of `value`, or none.
    static func stateSlot(_ name: String, declared: String, _ value: Message?) -> StateSlot
    /// A stored state value (as a request carries it, registered under `typeName`) as a message.
    static func stateMessage(typeName: String, bytes: [UInt8]) -> Message
}

extension ProtocolCodec {
    /// A value's typename and serialized bytes.
    package static func encode<V: StateFunType>(_ value: V) throws -> RawValue {
        var writer = WireWriter(capacity: 32)
        try write(value, to: &writer)
        return RawValue(typeName: typeName(of: V.self), bytes: writer.takeBytes())
    }

    /// Whether a received typename names `V`.
    package static func matches<V: StateFunType>(_ received: String, _ type: V.Type) -> Bool {
        matches(received, expected: typeName(of: type))
    }

    /// Refuses metadata the protocol cannot carry.
    package static func checkMetadata(_ metadata: [MetadataEntry]) throws(StateFunError) {
        guard carriesMetadata || metadata.isEmpty else {
            throw .invalidArgument("message metadata needs the 3.x protocol (the maintained fork's TypedValue.metadata)")
        }
    }

    /// Refuses Kafka record headers the protocol cannot carry.
    package static func checkKafkaHeaders(_ headers: [MetadataEntry]) throws(StateFunError) {
        guard carriesMetadata || headers.isEmpty else {
            throw .invalidArgument(
                "Kafka record headers need the 3.x protocol (the maintained fork's KafkaProducerRecord.headers)")
        }
    }
}

extension ProtocolVersion {
    /// The codec of this version: the one place a version becomes its rules.
    package var codec: any ProtocolCodec.Type {
        switch self {
        case .v3: TypedValueCodec.self
        case .v2: AnyCodec.self
        }
    }
}
