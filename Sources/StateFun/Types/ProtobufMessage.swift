public import StateFunWire
/// A protobuf message with a hand-written codec over `WireReader` and `WireWriter`.
///
/// Its typename defaults to `type.googleapis.com/<full message name>`, as the Python (`make_protobuf_type`) and
/// Go (`MakeProtobufType`) SDKs name protobuf types; the value is the plain message bytes (no `Any`).
/// Override ``StateFunType/typeName`` for another namespace (the walkthrough routes `GreetRequest` as
/// `com.googleapis/example.GreetRequest`).
///
/// ```swift
/// struct GreetRequest: ProtobufMessage {
///     static let messageName = "example.GreetRequest"
///     var name = ""
///     init(name: String) { self.name = name }
///     init(from reader: inout WireReader) throws {
///         while let tag = try reader.nextField() {
///             if tag.number == 1 { name = try reader.readString(tag) } else { try reader.skip(tag) }
///         }
///     }
///     func encode(to writer: inout WireWriter) { writer.writeString(1, name) }
/// }
/// ```
public protocol ProtobufMessage: StateFunType {
    /// The message's full protobuf name, `package.Message`.
    static var messageName: String { get }
    /// Decodes the message from `reader`, skipping unknown fields.
    init(from reader: inout WireReader) throws
    /// Encodes the message's fields in field-number order.
    func encode(to writer: inout WireWriter)
}

extension ProtobufMessage {
    /// `type.googleapis.com/<messageName>`.
    public static var typeName: TypeName { TypeName(namespace: "type.googleapis.com", name: messageName) }

    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Self {
        try deserialize(from: bytes[...])
    }

    /// Decodes a value from a slice, in place (see ``StateFunType``).
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Self {
        var reader = WireReader(bytes)
        do {
            return try Self(from: &reader)
        } catch let error as WireError {
            throw StateFunError.deserializationFailed(typeName: typeName.description, reason: error.description)
        }
    }

    /// Serializes the value (see ``StateFunType``).
    public func serialize() -> [UInt8] {
        var writer = WireWriter()
        encode(to: &writer)
        return writer.takeBytes()
    }

    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) {
        encode(to: &writer)
    }
}
