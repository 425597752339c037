package import StateFunWire
import StateFunProtocol
/// Turns typed values into ``RawValue``s and back, per protocol version.
///
/// 3.x carries every value with its ``StateFunType/typeName``. 2.x packs values in `Any` the way the Python 2.2
/// SDK does: the built-ins become google.protobuf wrappers (`type.googleapis.com/google.protobuf.Int32Value`
/// and so on), everything else is named by its typename. 2.x matches types by the URL's last segment only.
@usableFromInline package enum ValueCodec {
    package static func typeName<V: StateFunType>(of type: V.Type, _ version: ProtocolVersion) -> String {
        if version == .v2, let wrapper = type as? any GoogleWrapperRepresentable.Type { return wrapper.anyTypeURL }
        return V.typeName.description
    }

    @usableFromInline package static func encode<V: StateFunType>(_ value: V, _ version: ProtocolVersion) throws -> RawValue {
        if version == .v2, let wrapper = value as? any GoogleWrapperRepresentable {
            return RawValue(typeName: type(of: wrapper).anyTypeURL, bytes: wrapper.serializeV2())
        }
        return RawValue(typeName: V.typeName.description, bytes: try value.serialize())
    }

    /// Appends `value`'s plain serialized bytes (no TypedValue/Any around them) to `writer`.
    package static func writePlain<V: StateFunType>(_ value: V, _ version: ProtocolVersion, to writer: inout WireWriter)
        throws
    {
        if version == .v2, let wrapper = value as? any GoogleWrapperRepresentable {
            wrapper.serializeV2(to: &writer)
        } else {
            try value.serialize(to: &writer)
        }
    }

    @usableFromInline package static func decode<V: StateFunType>(_ bytes: ArraySlice<UInt8>, as type: V.Type, _ version: ProtocolVersion)
        throws -> V
    {
        if version == .v2, let wrapper = type as? any GoogleWrapperRepresentable.Type {
            if let value = try wrapper.deserializeV2(from: bytes) as? V { return value }
        }
        return try V.deserialize(from: bytes)
    }

    /// Whether a received typename names `V` under the protocol's matching rule.
    package static func matches<V: StateFunType>(_ received: String, _ type: V.Type, _ version: ProtocolVersion)
        -> Bool
    {
        matches(received, expected: typeName(of: type, version), version)
    }

    package static func matches(_ received: String, expected: String, _ version: ProtocolVersion) -> Bool {
        switch version {
        case .v3: received == expected
        case .v2: AnyValue.suffix(of: received) == AnyValue.suffix(of: expected)
        }
    }
}
