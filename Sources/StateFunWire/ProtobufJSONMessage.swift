/// A generated message's proto3 JSON form (https://protobuf.dev/programming-guides/json/), as protobuf's own
/// `json_format` writes and reads it: lowerCamelCase names (or `json_name`), 64-bit integers as strings, enums by
/// name, bytes as base64, the well-known types in their special forms; fields at their default are left out.
/// Reading accepts the `.proto` field names too, and `null` for "the default".
///
/// The API is spelled as swift-protobuf's: `try message.jsonString()`, `try T(jsonString:)`; an `Any` holding one
/// of the app's own types needs them in ``ProtoJSONOptions/typeRegistry`` (`jsonString(options:)`).
///
/// The binary codec is part of the protocol too: an `Any`'s JSON form is its payload's, decoded by the type its
/// type URL names.
public protocol ProtobufJSONMessage: Sendable {
    /// The message's full protobuf name.
    static var messageName: String { get }
    /// A message with every field at its default.
    init()
    /// Decodes the message from protobuf binary.
    init(from reader: inout WireReader) throws(WireError)
    /// Encodes the message's fields in field-number order, then its unknown fields.
    func encode(to writer: inout WireWriter)
    /// Fields the message's schema does not know, kept from decoding.
    var unknownFields: UnknownFields { get set }
    /// Writes the message as a JSON value (``ProtoJSONWriter/options`` holds the options).
    func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError)
    /// Sets the fields that `json` (the message's JSON form) names.
    mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError)
}

extension ProtobufJSONMessage {
    /// The message as JSON text.
    public func jsonString(options: ProtoJSONOptions = ProtoJSONOptions()) throws(WireError) -> String {
        var writer = ProtoJSONWriter(options: options)
        try writeJSON(to: &writer)
        return writer.text
    }

    /// The message as UTF-8 JSON.
    public func jsonUTF8Bytes(options: ProtoJSONOptions = ProtoJSONOptions()) throws(WireError) -> [UInt8] {
        var writer = ProtoJSONWriter(options: options)
        try writeJSON(to: &writer)
        return writer.bytes
    }

    /// Reads a message from its JSON text.
    public init(jsonString: String, options: ProtoJSONOptions = ProtoJSONOptions()) throws(WireError) {
        try self.init(jsonUTF8Bytes: Array(jsonString.utf8), options: options)
    }

    /// Reads a message from UTF-8 JSON.
    public init(jsonUTF8Bytes: some Collection<UInt8>, options: ProtoJSONOptions = ProtoJSONOptions()) throws(WireError) {
        self.init()
        try mergeJSON(try ProtoJSONValue(parsing: jsonUTF8Bytes), options: options)
    }
}

extension ProtobufJSONMessage {
    /// Reads a message from a parsed JSON value.
    public init(json: ProtoJSONValue, options: ProtoJSONOptions = ProtoJSONOptions()) throws(WireError) {
        self.init()
        try mergeJSON(json, options: options)
    }

    /// Sets the fields that `json` names, with the default options.
    public mutating func mergeJSON(_ json: ProtoJSONValue) throws(WireError) {
        try mergeJSON(json, options: ProtoJSONOptions())
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
