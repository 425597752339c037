/// A decoded field key: the field number and the wire type of the value that follows.
///
/// Construction validates both halves, so a `FieldTag` in hand is always legal: field numbers are
/// 1 ... 2^29 - 1 (protobuf language guide, "Assigning Field Numbers").
public struct FieldTag: Sendable, Hashable, CustomStringConvertible {
    /// The largest field number protobuf allows.
    public static let maxFieldNumber: UInt32 = (1 << 29) - 1

    /// The field number, 1 ... ``maxFieldNumber``.
    public let number: UInt32
    /// How the value is encoded.
    public let wireType: WireType

    /// Creates a tag, or `nil` when the number is out of range.
    public init?(number: UInt32, wireType: WireType) {
        guard number >= 1, number <= Self.maxFieldNumber else { return nil }
        self.number = number
        self.wireType = wireType
    }

    /// The varint that introduces this field on the wire.
    public var key: UInt64 { UInt64(number) << 3 | UInt64(wireType.rawValue) }

    /// A readable form, for logs and error messages.
    public var description: String { "field \(number) (\(wireType))" }
}
