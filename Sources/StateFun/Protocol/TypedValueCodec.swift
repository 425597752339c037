// Public imports only for the inlinable value and effect writes (specialised in the caller's module for the
// value's type); no StateFunWire or StateFunProtocol type appears in a public signature.
public import StateFunWire
public import StateFunProtocol
/// The 3.x codec (StateFun 3.0 and later, `io.statefun.sdk.reqreply`): every value travels in a `TypedValue`
/// with its ``StateFunType/typeName`` and its type's own serialization; typenames match exactly; the SDK
/// registers its states (`IncompleteInvocationContext`); messages carry metadata (the maintained fork);
/// delayed messages can be cancelled (3.1+). Its request handling is in `Serving/TypedValueCodec+Serving.swift`,
/// the embedded runtime's side in `Runtime/TypedValueCodec+Runtime.swift`.
@usableFromInline
package enum TypedValueCodec: ProtocolCodec {
    package static var version: ProtocolVersion { .v3 }
    package static var wire: FromFunctionWriter.Version { .v3 }

    package static func typeName<V: StateFunType>(of type: V.Type) -> String { V.typeName.description }

    package static func typeName(_ typeName: TypeName, anyTypeURL: String) -> String { typeName.description }

    @inlinable
    package static func write<V: StateFunType>(_ value: V, to writer: inout WireWriter) throws {
        try value.serialize(to: &writer)
    }

    @inlinable
    package static func decode<V: StateFunType>(_ bytes: ArraySlice<UInt8>, as type: V.Type) throws -> V {
        try V.deserialize(from: bytes)
    }

    package static func matches(_ received: String, expected: String) -> Bool { received == expected }

    // The value is serialized straight after its TypedValue's head, in one run of the answer's buffer; what
    // does not depend on the value's type is in the non-generic helpers below.
    @inlinable
    package static func writeMessage<V: StateFunType>(_ value: V, to target: Address, in context: Context) throws {
        let marks = try context.beginMessage(to: target, typeName: V.typeName.description)
        try context.effects.endMessage(marks) { (writer: inout WireWriter) throws(any Error) in
            try value.serialize(to: &writer)
        }
    }

    @inlinable
    package static func writeEgressMessage<V: StateFunType>(_ value: V, to egress: TypeName, in context: Context) throws {
        let marks = try context.beginEgressMessage(to: egress, typeName: V.typeName.description)
        try context.effects.endEgressMessage(marks) { (writer: inout WireWriter) throws(any Error) in
            try value.serialize(to: &writer)
        }
    }

    package static var carriesMetadata: Bool { true }
    package static var registersStates: Bool { true }
    package static var kafkaRecordTypeName: String { KafkaProducerRecord.typeNameV3 }
    package static var kinesisRecordTypeName: String { KinesisEgressRecord.typeNameV3 }

    package static func checkDelay(_ delay: Duration, cancellationToken: String?) throws(StateFunError) {}

    package static func checkCancellation() throws(StateFunError) {}
}
