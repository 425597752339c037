public import StateFunWire
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

    /// Writes `value` as the payload of field `field`: a `TypedValue` (3.x) or an `Any` (2.x), straight into
    /// `writer` with no intermediate buffers. Nothing is written if serialization throws.
    @usableFromInline
    package static func write<V: StateFunType>(
        _ value: V, _ version: ProtocolVersion, field: UInt32, to writer: inout WireWriter
    ) throws {
        let payload = writer.beginLengthDelimited(field)
        do {
            if version == .v2 {
                if let wrapper = value as? any GoogleWrapperRepresentable {
                    writer.writeString(1, type(of: wrapper).anyTypeURL)
                    let bytes = writer.beginLengthDelimited(2)
                    wrapper.serializeV2(to: &writer)
                    writer.endLengthDelimited(bytes, presence: .implicit)
                } else {
                    writer.writeString(1, V.typeName.description)
                    let bytes = writer.beginLengthDelimited(2)
                    try value.serialize(to: &writer)
                    writer.endLengthDelimited(bytes, presence: .implicit)
                }
            } else {
                writer.writeString(1, V.typeName.description)
                writer.writeBool(2, true)
                let bytes = writer.beginLengthDelimited(3)
                try value.serialize(to: &writer)
                writer.endLengthDelimited(bytes, presence: .implicit)
            }
        } catch {
            writer.rollBack(to: payload)
            throw error
        }
        writer.endLengthDelimited(payload)
    }

    /// Where a `TypedValue` being written began: the field holding it, and its `value` bytes.
    @usableFromInline
    package struct TypedValueMarks {
        @usableFromInline package var field: WireWriter.Mark
        @usableFromInline package var value: WireWriter.Mark

        @usableFromInline package init(field: WireWriter.Mark, value: WireWriter.Mark) {
            self.field = field
            self.value = value
        }
    }

    /// Writes field `field`'s key, then `TypedValue`'s typename and `has_value`, and starts its `value`: the
    /// serialized value comes next, then the two lengths are fixed (`Context.finish`).
    @usableFromInline
    package static func beginTypedValue(_ field: UInt32, typeName: String, in run: inout WireWriter.Run)
        -> TypedValueMarks
    {
        let typedValue = run.beginLengthDelimited(field)
        run.writeString(1, typeName)
        run.writeBool(2, true)
        return TypedValueMarks(field: typedValue, value: run.beginLengthDelimited(3))
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

    /// Writes an undecoded message as the payload of field `field`.
    @inline(__always)
    package static func write(_ message: Message, _ version: ProtocolVersion, field: UInt32, to writer: inout WireWriter) {
        writer.writeMessage(field) { payload in
            payload.writeString(1, message.typeName)
            if version == .v2 {
                payload.writeBytes(2, message.payload ?? [])
            } else {
                payload.writeBool(2, message.payload != nil)
                payload.writeBytes(3, message.payload ?? [])
                writeMetadata(message.metadata, to: &payload)
            }
        }
    }

    /// Writes the maintained fork's `TypedValue.metadata = 4` entries (nothing when there are none: upstream's
    /// bytes). Only 3.x has the field; ``Context`` refuses metadata on a 2.x send before it gets here.
    package static func writeMetadata(_ metadata: [MetadataEntry], to writer: inout WireWriter) {
        for entry in metadata {
            TypedValue.Metadata.write(key: entry.key, value: entry.value?[...], to: &writer)
        }
    }

    /// Writes `value` as a 3.x `TypedValue` with `metadata` as the payload of field `field` (the send with
    /// metadata; the common send without writes through ``Context`` in one run). Nothing is written if
    /// serialization throws.
    package static func write<V: StateFunType>(
        _ value: V, metadata: [MetadataEntry], field: UInt32, to writer: inout WireWriter
    ) throws {
        try writer.writeLengthDelimited(field) { (payload: inout WireWriter) throws(any Error) in
            payload.writeString(1, V.typeName.description)
            payload.writeBool(2, true)
            try payload.writeLengthDelimited(3, presence: .implicit) { (bytes: inout WireWriter) throws(any Error) in
                try value.serialize(to: &bytes)
            }
            writeMetadata(metadata, to: &payload)
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
