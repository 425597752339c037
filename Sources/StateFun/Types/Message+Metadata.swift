// Reading the metadata (the maintained fork's `TypedValue.metadata`) a message arrived with.

extension Message {
    /// The UTF-8 value of the last entry of ``metadata`` named `key` (Kafka's `lastHeader`); `nil` when there is
    /// none, its value is null, or it is not valid UTF-8.
    public func metadataValue(forKey key: String) -> String? {
        metadata.last { $0.key == key }?.utf8Value
    }

    /// The W3C Trace Context `traceparent` the message carries in its metadata (a Kafka record header forwarded
    /// by the fork's ingress, or an entry a sending function set), when it is well-formed
    /// (`version-traceid-parentid-flags`: 2, 32, 16 and 2 lowercase hex digits, neither id all zeros, version
    /// not `ff`); `nil` otherwise. A tracing bridge starts the handler's span as its child, and passes it on with
    /// ``MetadataEntry/traceparent(_:)`` on the messages the handler sends.
    public var traceparent: String? {
        guard let value = metadataValue(forKey: MetadataEntry.traceparentKey), Self.isTraceparent(value) else {
            return nil
        }
        return value
    }

    /// The message with its metadata replaced by `metadata`, e.g. to forward a message with an entry added.
    public func withMetadata(_ metadata: [MetadataEntry]) -> Message {
        Message(typeName: typeName, payload: payload, metadata: metadata, protocolVersion: protocolVersion)
    }

    /// W3C Trace Context §3.2: `version "-" trace-id "-" parent-id "-" trace-flags`. Later versions may append
    /// fields after the flags (`-…`); version `00` has exactly four.
    static func isTraceparent(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
            parts.allSatisfy({ !$0.isEmpty })
        else { return false }
        func isHex(_ part: Substring.UTF8View.SubSequence) -> Bool {
            part.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        }
        guard parts[0...3].allSatisfy(isHex) else { return false }
        let version = String(decoding: parts[0], as: UTF8.self)
        if version == "ff" || (version == "00" && parts.count != 4) { return false }
        return parts[1].contains { $0 != UInt8(ascii: "0") } && parts[2].contains { $0 != UInt8(ascii: "0") }
    }
}
