public import StateFunWire

/// JSON of `Any` needs the packed message's type to write its fields (`{"@type": ..., ...}`); this runtime has no
/// registry of message types, so an `Any` has no JSON form here (documented in Docs/Protobuf.md). Its binary form
/// works as for any message.
extension Google_Protobuf_Any {
    /// Throws: `Any` is not supported in JSON.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        throw .invalidJSON(offset: 0, reason: "google.protobuf.Any has no JSON form in this runtime (type \(typeURL))")
    }

    /// Throws: `Any` is not supported in JSON.
    public mutating func mergeJSON(_ json: ProtoJSONValue) throws(WireError) {
        throw .invalidJSON(offset: 0, reason: "google.protobuf.Any has no JSON form in this runtime")
    }
}
