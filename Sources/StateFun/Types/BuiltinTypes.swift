public import StateFunWire
// The six built-in types of StateFun 3.x (`statefun-sdk-protos/.../types/types.proto`, package
// io.statefun.sdk.types): each value travels as a one-field wrapper message. int is sfixed32 and long is
// sfixed64; a zero value encodes to zero bytes, as proto3 omits defaults.

extension Bool: StateFunType {
    /// `io.statefun.types/bool` (BooleanWrapper).
    /// Built from literals where it is used (no global to look up on every send).
    @inlinable public static var typeName: TypeName {
        TypeName(namespace: "io.statefun.types", name: "bool", text: "io.statefun.types/bool")
    }
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Bool {
        try deserialize(from: bytes[...])
    }
    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Bool {
        if let value = CanonicalField1.varint(bytes) { return value != 0 }
        return try WrapperCodec.decode(bytes, typeName, .varint) { tag, reader throws(WireError) in try reader.readBool(tag) } ?? false
    }
    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        writer.writeBool(1, self)
    }
    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter(capacity: 2)
        writer.writeBool(1, self)
        return writer.takeBytes()
    }
}

extension Int32: StateFunType {
    /// `io.statefun.types/int` (IntWrapper, sfixed32).
    /// Built from literals where it is used (no global to look up on every send).
    @inlinable public static var typeName: TypeName {
        TypeName(namespace: "io.statefun.types", name: "int", text: "io.statefun.types/int")
    }
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Int32 {
        try deserialize(from: bytes[...])
    }
    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Int32 {
        if let value = CanonicalField1.fixed32(bytes) { return Int32(bitPattern: value) }
        return try WrapperCodec.decode(bytes, typeName, .fixed32) { tag, reader throws(WireError) in try reader.readSFixed32(tag) } ?? 0
    }
    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        writer.writeSFixed32(1, self)
    }
    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter(capacity: 5)
        writer.writeSFixed32(1, self)
        return writer.takeBytes()
    }
}

extension Int64: StateFunType {
    /// `io.statefun.types/long` (LongWrapper, sfixed64).
    /// Built from literals where it is used (no global to look up on every send).
    @inlinable public static var typeName: TypeName {
        TypeName(namespace: "io.statefun.types", name: "long", text: "io.statefun.types/long")
    }
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Int64 {
        try deserialize(from: bytes[...])
    }
    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Int64 {
        if let value = CanonicalField1.fixed64(bytes) { return Int64(bitPattern: value) }
        return try WrapperCodec.decode(bytes, typeName, .fixed64) { tag, reader throws(WireError) in try reader.readSFixed64(tag) } ?? 0
    }
    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        writer.writeSFixed64(1, self)
    }
    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter(capacity: 9)
        writer.writeSFixed64(1, self)
        return writer.takeBytes()
    }
}

extension Float: StateFunType {
    /// `io.statefun.types/float` (FloatWrapper).
    /// Built from literals where it is used (no global to look up on every send).
    @inlinable public static var typeName: TypeName {
        TypeName(namespace: "io.statefun.types", name: "float", text: "io.statefun.types/float")
    }
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Float {
        try deserialize(from: bytes[...])
    }
    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Float {
        if let value = CanonicalField1.fixed32(bytes) { return Float(bitPattern: value) }
        return try WrapperCodec.decode(bytes, typeName, .fixed32) { tag, reader throws(WireError) in try reader.readFloat(tag) } ?? 0
    }
    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        writer.writeFloat(1, self)
    }
    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter(capacity: 5)
        writer.writeFloat(1, self)
        return writer.takeBytes()
    }
}

extension Double: StateFunType {
    /// `io.statefun.types/double` (DoubleWrapper).
    /// Built from literals where it is used (no global to look up on every send).
    @inlinable public static var typeName: TypeName {
        TypeName(namespace: "io.statefun.types", name: "double", text: "io.statefun.types/double")
    }
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Double {
        try deserialize(from: bytes[...])
    }
    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Double {
        if let value = CanonicalField1.fixed64(bytes) { return Double(bitPattern: value) }
        return try WrapperCodec.decode(bytes, typeName, .fixed64) { tag, reader throws(WireError) in try reader.readDouble(tag) } ?? 0
    }
    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        writer.writeDouble(1, self)
    }
    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter(capacity: 9)
        writer.writeDouble(1, self)
        return writer.takeBytes()
    }
}

extension String: StateFunType {
    /// `io.statefun.types/string` (StringWrapper).
    /// Built from literals where it is used (no global to look up on every send).
    @inlinable public static var typeName: TypeName {
        TypeName(namespace: "io.statefun.types", name: "string", text: "io.statefun.types/string")
    }
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> String {
        try deserialize(from: bytes[...])
    }
    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> String {
        if let value = CanonicalField1.string(bytes) { return value }
        return try WrapperCodec.decode(bytes, typeName, .lengthDelimited) { tag, reader throws(WireError) in try reader.readString(tag) } ?? ""
    }
    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        writer.writeString(1, self)
    }
    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter(capacity: utf8.count + 3)
        writer.writeString(1, self)
        return writer.takeBytes()
    }
}

/// Reads the single field 1 of a wrapper message (StateFun's `*Wrapper` and google.protobuf's `*Value`).
enum WrapperCodec {
    // The fast paths for the bytes every encoder writes for a non-default value (exactly one field 1, nothing
    // else) are the codec's `CanonicalField1`; anything else takes the general path below.

    /// Returns the last field-1 value (protobuf: the last occurrence wins), or nil when absent (the default).
    ///
    /// A field 1 whose wire type is not `wireType` is skipped like an unknown field, as every protobuf runtime
    /// does (the Python SDK then reads the default), so such bytes decode exactly as the official SDKs decode them.
    @inline(__always)
    static func decode<T>(
        _ bytes: ArraySlice<UInt8>, _ typeName: TypeName, _ wireType: WireType,
        _ read: (FieldTag, inout WireReader) throws(WireError) -> T
    ) throws(StateFunError) -> T? {
        var reader = WireReader(bytes)
        var value: T?
        do {
            while let tag = try reader.nextField() {
                if tag.number == 1, tag.wireType == wireType { value = try read(tag, &reader) } else { try reader.skip(tag) }
            }
        } catch {
            throw .deserializationFailed(typeName: typeName.description, reason: error.description)
        }
        return value
    }
}
