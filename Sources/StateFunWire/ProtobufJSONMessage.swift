/// A generated message's proto3 JSON form (https://protobuf.dev/programming-guides/json/), as protobuf's own
/// `json_format` writes and reads it: lowerCamelCase names (or `json_name`), 64-bit integers as strings, enums by
/// name, bytes as base64, the well-known types in their special forms; fields at their default are left out.
/// Reading accepts the `.proto` field names too, and `null` for "the default".
///
/// The API is spelled as swift-protobuf's: `try message.jsonString()`, `try T(jsonString:)`.
public protocol ProtobufJSONMessage: Sendable {
    /// The message's full protobuf name.
    static var messageName: String { get }
    /// A message with every field at its default.
    init()
    /// Fields the message's schema does not know, kept from decoding.
    var unknownFields: UnknownFields { get set }
    /// Writes the message as a JSON value.
    func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError)
    /// Sets the fields that `json` (the message's JSON form) names.
    mutating func mergeJSON(_ json: ProtoJSONValue) throws(WireError)
}

extension ProtobufJSONMessage {
    /// The message as JSON text.
    public func jsonString() throws(WireError) -> String {
        var writer = ProtoJSONWriter()
        try writeJSON(to: &writer)
        return writer.text
    }

    /// The message as UTF-8 JSON.
    public func jsonUTF8Bytes() throws(WireError) -> [UInt8] {
        var writer = ProtoJSONWriter()
        try writeJSON(to: &writer)
        return writer.bytes
    }

    /// Reads a message from its JSON text.
    public init(jsonString: String) throws(WireError) {
        try self.init(jsonUTF8Bytes: Array(jsonString.utf8))
    }

    /// Reads a message from UTF-8 JSON.
    public init(jsonUTF8Bytes: some Collection<UInt8>) throws(WireError) {
        self.init()
        try mergeJSON(try ProtoJSONValue(parsing: jsonUTF8Bytes))
    }
}

extension ProtobufJSONMessage {
    /// Reads a message from a parsed JSON value.
    public init(json: ProtoJSONValue) throws(WireError) {
        self.init()
        try mergeJSON(json)
    }
}

extension ProtobufJSONMessage {
    /// A message built by `populate` from the default one (swift-protobuf's `with`).
    public static func with(_ populate: (inout Self) throws -> Void) rethrows -> Self {
        var message = Self()
        try populate(&message)
        return message
    }
}
