public import StateFunWire

/// JSON of `Any`, as protobuf's `json_format` writes and reads it: the held message's own JSON object with an
/// `"@type"` member first (`{"@type": "type.googleapis.com/x.Y", "name": "ann"}`), or, for a well-known type with a
/// special JSON form, `{"@type": ..., "value": <that form>}`. An `Any` with no field set is `{}`.
///
/// The held message's type comes from its type URL (the name after the last `/`), looked up in
/// ``ProtoJSONOptions/typeRegistry`` and then among the well-known types; a URL naming neither is a thrown error
/// naming it, as in protobuf.
extension Google_Protobuf_Any {
    /// Writes the JSON object; throws when the type URL names no known type or the payload does not decode as it.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        if typeURL.isEmpty && value.isEmpty {
            writer.beginObject()
            writer.endObject()
            return
        }
        // Each Any nests an object, and its payload is decoded afresh: bound the depth here, as the JSON parser
        // bounds what it reads, so a chain of Anys cannot take the stack.
        guard writer.depth < ProtoJSONValue.maxDepth else {
            throw .invalidJSON(offset: 0, reason: "google.protobuf.Any nested deeper than \(ProtoJSONValue.maxDepth) levels")
        }
        let type = try Self.messageType(forTypeURL: typeURL, writer.options)
        let message: any ProtobufJSONMessage
        do {
            var reader = WireReader(value[...])
            message = try type.init(from: &reader)
        } catch {
            throw .inField(message: Self.messageName, field: "value", error: error)
        }
        if Self.specialJSON.contains(type.messageName) {
            writer.beginObject()
            writer.key("@type")
            writer.writeString(typeURL)
            writer.key("value")
            try message.writeJSON(to: &writer)
            writer.endObject()
        } else {
            writer.typeURLForNextObject(typeURL)
            try message.writeJSON(to: &writer)
        }
    }

    /// Reads the JSON object: `{}`, or `"@type"` with the held message's fields (or its `"value"`).
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        let members = try json.members(of: Self.messageName)
        if members.isEmpty { return }
        guard let typeMember = members.first(where: { $0.key == "@type" }) else {
            throw .invalidJSON(offset: 0, reason: "\"@type\" is missing from a google.protobuf.Any")
        }
        guard case .string(let url) = typeMember.value else {
            throw .invalidJSON(offset: 0, reason: "\"@type\" of a google.protobuf.Any must be a string")
        }
        let type = try Self.messageType(forTypeURL: url, options)
        var message = type.init()
        if Self.specialJSON.contains(type.messageName) {
            guard let held = members.first(where: { $0.key == "value" }) else {
                throw .invalidJSON(offset: 0, reason: "\"value\" is missing from a google.protobuf.Any holding \(type.messageName)")
            }
            try message.mergeJSON(held.value, options: options)
        } else {
            try message.mergeJSON(.object(members.filter { $0.key != "@type" }), options: options)
        }
        var writer = WireWriter()
        message.encode(to: &writer)
        typeURL = url
        value = writer.takeBytes()
    }

    /// The type `typeURL` names, from the registry or the well-known types; throws naming the URL otherwise.
    static func messageType(forTypeURL typeURL: String, _ options: ProtoJSONOptions) throws(WireError)
        -> any ProtobufJSONMessage.Type
    {
        if let type = options.typeRegistry.messageType(forTypeURL: typeURL)
            ?? wellKnownTypes[ProtoTypeRegistry.messageName(inTypeURL: typeURL)]
        {
            return type
        }
        throw .invalidJSON(
            offset: 0,
            reason: "google.protobuf.Any: no message type for type URL \"\(typeURL)\" (register it in ProtoJSONOptions.typeRegistry)")
    }

    /// The well-known types, always resolvable.
    static let wellKnownTypes: [String: any ProtobufJSONMessage.Type] = {
        let types: [any ProtobufJSONMessage.Type] = [
            Google_Protobuf_Any.self, Google_Protobuf_Duration.self, Google_Protobuf_Empty.self,
            Google_Protobuf_FieldMask.self, Google_Protobuf_Struct.self, Google_Protobuf_Value.self,
            Google_Protobuf_ListValue.self, Google_Protobuf_Timestamp.self, Google_Protobuf_DoubleValue.self,
            Google_Protobuf_FloatValue.self, Google_Protobuf_Int64Value.self, Google_Protobuf_UInt64Value.self,
            Google_Protobuf_Int32Value.self, Google_Protobuf_UInt32Value.self, Google_Protobuf_BoolValue.self,
            Google_Protobuf_StringValue.self, Google_Protobuf_BytesValue.self,
        ]
        return Dictionary(uniqueKeysWithValues: types.map { ($0.messageName, $0) })
    }()

    /// The types whose JSON form is not an object of their fields: an `Any` holds them as `"value"`
    /// (json_format's `_WKTJSONMETHODS` and wrappers; `Empty` is an ordinary message).
    static let specialJSON: Set<String> = [
        "google.protobuf.Any", "google.protobuf.Duration", "google.protobuf.FieldMask", "google.protobuf.Struct",
        "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.Timestamp",
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
        "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
        "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue",
    ]
}
