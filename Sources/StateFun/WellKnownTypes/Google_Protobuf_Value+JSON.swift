public import StateFunWire

/// JSON of google/protobuf/struct.proto: a `Value` is any JSON value, a `Struct` an object, a `ListValue` an array.
extension Google_Protobuf_Value {
    /// Writes the JSON value; throws when no kind is set or the number is not finite (JSON has no such value).
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        switch kind {
        case .nullValue?: writer.writeNull()
        case .numberValue(let v)?:
            guard v.isFinite else { throw .invalidJSON(offset: 0, reason: "a Value's number must be finite") }
            writer.writeDouble(v)
        case .stringValue(let v)?: writer.writeString(v)
        case .boolValue(let v)?: writer.writeBool(v)
        case .structValue(let v)?: try v.writeJSON(to: &writer)
        case .listValue(let v)?: try v.writeJSON(to: &writer)
        case nil: throw .invalidJSON(offset: 0, reason: "a Value with no kind set has no JSON form")
        }
    }

    /// Reads any JSON value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        switch json {
        case .null: kind = .nullValue(.nullValue)
        case .bool(let v): kind = .boolValue(v)
        case .number: kind = .numberValue(try json.double())
        case .string(let v): kind = .stringValue(v)
        case .array: kind = .listValue(try Google_Protobuf_ListValue(json: json, options: options))
        case .object: kind = .structValue(try Google_Protobuf_Struct(json: json, options: options))
        }
    }
}

extension Google_Protobuf_Struct {
    /// Writes the fields as a JSON object.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        writer.beginObject()
        for key in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let value = fields[key] else { continue }
            writer.key(key)
            try value.writeJSON(to: &writer)
        }
        writer.endObject()
    }

    /// Reads a JSON object.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        for member in try json.members(of: Self.messageName) {
            fields[member.key] = try Google_Protobuf_Value(json: member.value, options: options)
        }
    }
}

extension Google_Protobuf_ListValue {
    /// Writes the values as a JSON array.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        writer.beginArray()
        for value in values { try value.writeJSON(to: &writer) }
        writer.endArray()
    }

    /// Reads a JSON array.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        values = try json.elements().map { (element) throws(WireError) in try Google_Protobuf_Value(json: element, options: options) }
    }
}
