public import StateFunWire

/// JSON: RFC 3339 text in UTC with 0, 3, 6 or 9 fractional digits (`"1972-01-01T10:00:20.021Z"`); offsets are
/// accepted when reading. Years 0001 to 9999 only, as protobuf requires.
extension Google_Protobuf_Timestamp {
    static let minSeconds: Int64 = -62_135_596_800
    static let maxSeconds: Int64 = 253_402_300_799

    /// Writes the RFC 3339 string; throws outside years 0001-9999 or for nanos outside 0...999,999,999.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        guard seconds >= Self.minSeconds, seconds <= Self.maxSeconds, nanos >= 0, nanos < 1_000_000_000 else {
            throw .invalidJSON(offset: 0, reason: "Timestamp out of range (seconds \(seconds), nanos \(nanos))")
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = ProtoTime.civil(fromDays: days)
        var text = ProtoTime.pad(year, 4) + "-" + ProtoTime.pad(month, 2) + "-" + ProtoTime.pad(day, 2) + "T"
        text += ProtoTime.pad(secondOfDay / 3600, 2) + ":" + ProtoTime.pad(secondOfDay / 60 % 60, 2) + ":"
        text += ProtoTime.pad(secondOfDay % 60, 2) + ProtoTime.fraction(nanos) + "Z"
        writer.writeString(text)
    }

    /// Reads an RFC 3339 string.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        let text = try json.string()
        guard let (seconds, nanos) = ProtoTime.parseTimestamp(text), seconds >= Self.minSeconds, seconds <= Self.maxSeconds
        else {
            throw .invalidJSON(offset: 0, reason: "\"\(text)\" is not an RFC 3339 timestamp between years 0001 and 9999")
        }
        self.seconds = seconds
        self.nanos = nanos
    }
}
