/// The wire type carried in the low three bits of every protobuf field key.
///
/// Protobuf encoding guide, "Message Structure": `tag = (field_number << 3) | wire_type`.
/// Groups (3, 4) are deprecated but still legal on the wire; a reader skips them.
public enum WireType: UInt8, Sendable, CustomStringConvertible {
    /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double.
    case fixed64 = 1
    /// string, bytes, embedded messages, packed repeated fields.
    case lengthDelimited = 2
    /// Start of a (deprecated) group.
    case startGroup = 3
    /// End of a (deprecated) group.
    case endGroup = 4
    /// fixed32, sfixed32, float.
    case fixed32 = 5

    /// A readable form, for logs and error messages.
    public var description: String {
        switch self {
        case .varint: "varint"
        case .fixed64: "fixed64"
        case .lengthDelimited: "length-delimited"
        case .startGroup: "start-group"
        case .endGroup: "end-group"
        case .fixed32: "fixed32"
        }
    }
}
