public import StateFunWire

// JSON of the wrapper types: the wrapped value itself, in its own JSON form (a null field means "not set").

extension Google_Protobuf_DoubleValue {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeDouble(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.double() }
}

extension Google_Protobuf_FloatValue {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeFloat(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.float() }
}

extension Google_Protobuf_Int64Value {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeInt64(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.int64() }
}

extension Google_Protobuf_UInt64Value {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeUInt64(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.uint64() }
}

extension Google_Protobuf_Int32Value {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeInt32(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.int32() }
}

extension Google_Protobuf_UInt32Value {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeUInt32(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.uint32() }
}

extension Google_Protobuf_BoolValue {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeBool(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.bool() }
}

extension Google_Protobuf_StringValue {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeString(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.string() }
}

extension Google_Protobuf_BytesValue {
    /// Writes the wrapped value.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) { writer.writeBytes(value) }
    /// Reads the wrapped value.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) { value = try json.bytes() }
}
