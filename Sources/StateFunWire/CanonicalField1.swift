/// Reads a message that is exactly one field 1 in the layout every encoder writes for a non-default value (the
/// one-field wrappers: StateFun's built-in types, google.protobuf's `*Value`), with one comparison instead of a
/// field loop. Anything else (a default, repeated or unknown fields, another wire type, a long length) gives
/// `nil`, and the caller reads the bytes with a ``WireReader``.
@usableFromInline package enum CanonicalField1 {
    /// `08 <one-byte varint>`.
    @inlinable @inline(__always)
    package static func varint(_ bytes: ArraySlice<UInt8>) -> UInt8? {
        guard bytes.count == 2, bytes[bytes.startIndex] == 0x08 else { return nil }
        let value = bytes[bytes.startIndex + 1]
        return value < 0x80 ? value : nil
    }

    /// `0D <four bytes, little-endian>`.
    @inlinable @inline(__always)
    package static func fixed32(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        guard bytes.count == 5, bytes[bytes.startIndex] == 0x0D else { return nil }
        // Five bytes checked above: the unaligned load of four at offset 1 stays inside the slice.
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 1, as: UInt32.self)) }
    }

    /// `09 <eight bytes, little-endian>`.
    @inlinable @inline(__always)
    package static func fixed64(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count == 9, bytes[bytes.startIndex] == 0x09 else { return nil }
        // Nine bytes checked above: the unaligned load of eight at offset 1 stays inside the slice.
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 1, as: UInt64.self)) }
    }

    /// `0A <one-byte length> <that many bytes of valid UTF-8>`.
    @inlinable @inline(__always)
    package static func string(_ bytes: ArraySlice<UInt8>) -> String? {
        // The length must be a one-byte varint (below 0x80) that covers exactly the rest.
        guard bytes.count >= 2, bytes[bytes.startIndex] == 0x0A, bytes[bytes.startIndex + 1] < 0x80,
            Int(bytes[bytes.startIndex + 1]) == bytes.count - 2
        else { return nil }
        // At least two bytes checked above: `$0[2...]` is the (possibly empty) rest of the slice's own storage.
        return bytes.withUnsafeBufferPointer { UTF8Validation.string(UnsafeBufferPointer(rebasing: $0[2...])) }
    }
}
