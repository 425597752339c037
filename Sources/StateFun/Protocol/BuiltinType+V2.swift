import StateFunWire
// On the 2.x protocol the Python SDK (2.2) carries primitive values as google.protobuf wrappers packed in Any:
// type URL `type.googleapis.com/google.protobuf.<X>Value`, and Int32Value/Int64Value are *varints* there
// (not the fixed-width encodings of the 3.x wrappers). These conformances give the built-ins that form.

/// A built-in type with a distinct 2.x (google.protobuf wrapper) representation.
protocol GoogleWrapperRepresentable {
    static var anyTypeURL: String { get }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> Self
    func serializeV2() -> [UInt8]
    func serializeV2(to writer: inout WireWriter)
}

extension GoogleWrapperRepresentable where Self: StateFunType {
    func serializeV2(to writer: inout WireWriter) {
        writer.writeRaw(serializeV2())
    }
}

extension Bool: GoogleWrapperRepresentable {
    func serializeV2(to writer: inout WireWriter) { serialize(to: &writer) }
    static var anyTypeURL: String { "type.googleapis.com/google.protobuf.BoolValue" }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> Bool { try deserialize(from: bytes) }
    func serializeV2() -> [UInt8] { serialize() }
}

extension Int32: GoogleWrapperRepresentable {
    static var anyTypeURL: String { "type.googleapis.com/google.protobuf.Int32Value" }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> Int32 {
        try WrapperCodec.decode(bytes, "google.protobuf/Int32Value", .varint) { tag, reader throws(WireError) in
            try reader.readInt32(tag)
        } ?? 0
    }
    func serializeV2() -> [UInt8] {
        var writer = WireWriter(capacity: 11)
        serializeV2(to: &writer)
        return writer.takeBytes()
    }
    func serializeV2(to writer: inout WireWriter) { writer.writeInt32(1, self) }
}

extension Int64: GoogleWrapperRepresentable {
    static var anyTypeURL: String { "type.googleapis.com/google.protobuf.Int64Value" }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> Int64 {
        try WrapperCodec.decode(bytes, "google.protobuf/Int64Value", .varint) { tag, reader throws(WireError) in
            try reader.readInt64(tag)
        } ?? 0
    }
    func serializeV2() -> [UInt8] {
        var writer = WireWriter(capacity: 11)
        serializeV2(to: &writer)
        return writer.takeBytes()
    }
    func serializeV2(to writer: inout WireWriter) { writer.writeInt64(1, self) }
}

extension Float: GoogleWrapperRepresentable {
    func serializeV2(to writer: inout WireWriter) { serialize(to: &writer) }
    static var anyTypeURL: String { "type.googleapis.com/google.protobuf.FloatValue" }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> Float { try deserialize(from: bytes) }
    func serializeV2() -> [UInt8] { serialize() }
}

extension Double: GoogleWrapperRepresentable {
    func serializeV2(to writer: inout WireWriter) { serialize(to: &writer) }
    static var anyTypeURL: String { "type.googleapis.com/google.protobuf.DoubleValue" }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> Double { try deserialize(from: bytes) }
    func serializeV2() -> [UInt8] { serialize() }
}

extension String: GoogleWrapperRepresentable {
    func serializeV2(to writer: inout WireWriter) { serialize(to: &writer) }
    static var anyTypeURL: String { "type.googleapis.com/google.protobuf.StringValue" }
    static func deserializeV2(from bytes: ArraySlice<UInt8>) throws -> String { try deserialize(from: bytes) }
    func serializeV2() -> [UInt8] { serialize() }
}
