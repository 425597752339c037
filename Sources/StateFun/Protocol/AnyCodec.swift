package import StateFunWire
package import StateFunProtocol
/// The 2.x codec (StateFun 2.0 to 2.2, `org.apache.flink.statefun.flink.core.polyglot`), as the Python 2.2 SDK
/// speaks it: values travel in `google.protobuf.Any`; the built-ins become google.protobuf wrappers
/// (`type.googleapis.com/google.protobuf.Int32Value`, ...; `BuiltinType+V2.swift`), everything else is named by
/// its typename; types match by the type URL's last segment only. module.yaml lists the states, whose values
/// are opaque bytes (a serialized `Any`); there is no metadata, no cancellation of delayed messages, and a delay
/// must not be zero. Its request handling is in `Serving/AnyCodec+Serving.swift`, the embedded runtime's side in
/// `Runtime/AnyCodec+Runtime.swift`.
package enum AnyCodec: ProtocolCodec {
    package static var version: ProtocolVersion { .v2 }
    package static var wire: FromFunctionWriter.Version { .v2 }

    package static func typeName<V: StateFunType>(of type: V.Type) -> String {
        if let wrapper = type as? any GoogleWrapperRepresentable.Type { return wrapper.anyTypeURL }
        return V.typeName.description
    }

    package static func typeName(_ typeName: TypeName, anyTypeURL: String) -> String { anyTypeURL }

    package static func write<V: StateFunType>(_ value: V, to writer: inout WireWriter) throws {
        if let wrapper = value as? any GoogleWrapperRepresentable {
            wrapper.serializeV2(to: &writer)
        } else {
            try value.serialize(to: &writer)
        }
    }

    package static func decode<V: StateFunType>(_ bytes: ArraySlice<UInt8>, as type: V.Type) throws -> V {
        if let wrapper = type as? any GoogleWrapperRepresentable.Type,
            let value = try wrapper.deserializeV2(from: bytes) as? V
        {
            return value
        }
        return try V.deserialize(from: bytes)
    }

    package static func matches(_ received: String, expected: String) -> Bool {
        AnyValue.suffix(of: received) == AnyValue.suffix(of: expected)
    }

    package static func writeMessage<V: StateFunType>(
        _ value: V, to target: Address, in context: Context
    ) throws {
        try context.check(target)
        try context.effects.writeMessage(to: target.wireFields, typeName: typeName(of: V.self)) {
            (writer: inout WireWriter) throws(any Error) in try write(value, to: &writer)
        }
    }

    package static func writeEgressMessage<V: StateFunType>(
        _ value: V, to egress: TypeName, in context: Context
    ) throws {
        try context.checkEgress(egress)
        try context.effects.writeEgressMessage(namespace: egress.namespace, type: egress.name, typeName: typeName(of: V.self)) {
            (writer: inout WireWriter) throws(any Error) in try write(value, to: &writer)
        }
    }

    package static var carriesMetadata: Bool { false }
    package static var registersStates: Bool { false }
    package static var kafkaRecordTypeName: String { KafkaProducerRecord.typeURLV2 }
    package static var kinesisRecordTypeName: String { KinesisEgressRecord.typeURLV2 }

    /// The 2.2 Python SDK refuses a zero delay ("missing delay"), and 2.x has no cancellation tokens.
    package static func checkDelay(_ delay: Duration, cancellationToken: String?) throws(StateFunError) {
        guard delay != .zero else { throw .invalidDelayedMessage("the 2.x protocol needs a delay") }
        if let token = cancellationToken, !token.isEmpty {
            throw .invalidDelayedMessage("the 2.x protocol has no cancellation tokens")
        }
    }

    package static func checkCancellation() throws(StateFunError) {
        throw .invalidDelayedMessage("the 2.x protocol cannot cancel delayed messages")
    }
}
