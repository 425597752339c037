/// ZigZag mapping for `sint32`/`sint64`: small magnitudes of either sign become small varints.
///
/// Protobuf encoding guide, "Signed Integers": `(n << 1) ^ (n >> 63)`.
public enum ZigZag {
    /// Maps a signed 32-bit value to its unsigned ZigZag form.
    @inlinable public static func encode(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value &<< 1) ^ (value >> 31))
    }

    /// Maps a signed 64-bit value to its unsigned ZigZag form.
    @inlinable public static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value &<< 1) ^ (value >> 63))
    }

    /// Inverse of ``encode(_:)-(Int32)``.
    @inlinable public static func decode(_ value: UInt32) -> Int32 {
        Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Inverse of ``encode(_:)-(Int64)``.
    @inlinable public static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}
