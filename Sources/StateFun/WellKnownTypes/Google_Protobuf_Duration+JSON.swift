public import StateFunWire

/// JSON: seconds with 0, 3, 6 or 9 fractional digits and an `s` (`"-1.5s"`), within ±315,576,000,000 seconds.
extension Google_Protobuf_Duration {
    static let maxSeconds: Int64 = 315_576_000_000

    /// Writes the `"<seconds>.<fraction>s"` string; throws out of range or for mixed signs.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        guard abs(seconds) <= Self.maxSeconds, abs(nanos) < 1_000_000_000,
            (seconds >= 0 && nanos >= 0) || (seconds <= 0 && nanos <= 0)
        else {
            throw .invalidJSON(offset: 0, reason: "Duration out of range (seconds \(seconds), nanos \(nanos))")
        }
        let sign = seconds < 0 || nanos < 0 ? "-" : ""
        writer.writeString(sign + String(abs(seconds)) + ProtoTime.fraction(abs(nanos)) + "s")
    }

    /// Reads a `"<seconds>[.<fraction>]s"` string.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        let text = try json.string()
        guard let (seconds, nanos) = ProtoTime.parseDuration(text), abs(seconds) <= Self.maxSeconds else {
            throw .invalidJSON(offset: 0, reason: "\"\(text)\" is not a Duration (like \"1.5s\") within range")
        }
        self.seconds = seconds
        self.nanos = nanos
    }
}
