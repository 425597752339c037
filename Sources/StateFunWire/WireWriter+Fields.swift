// The typed field writes of protobuf's scalar, string, bytes and message fields, one per wire type and
// encoding (protobuf encoding guide, "Scalar Value Types"); each writes key and value in one capacity check.

extension WireWriter {
    // MARK: - Varint scalars

    /// Writes an `int32` (negative values take 10 bytes: they are sign-extended to 64 bits).
    @inlinable
    public mutating func writeInt32(_ field: UInt32, _ value: Int32, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .varint)
        writeVarint(UInt64(bitPattern: Int64(value)))
    }

    /// Writes an `int64`.
    @inlinable
    public mutating func writeInt64(_ field: UInt32, _ value: Int64, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .varint)
        writeVarint(UInt64(bitPattern: value))
    }

    /// Writes a `uint32`.
    @inlinable
    public mutating func writeUInt32(_ field: UInt32, _ value: UInt32, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .varint)
        writeVarint(UInt64(value))
    }

    /// Writes a `uint64`.
    @inlinable
    public mutating func writeUInt64(_ field: UInt32, _ value: UInt64, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .varint)
        writeVarint(value)
    }

    /// Writes a `sint32` (ZigZag).
    @inlinable
    public mutating func writeSInt32(_ field: UInt32, _ value: Int32, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .varint)
        writeVarint(UInt64(ZigZag.encode(value)))
    }

    /// Writes a `sint64` (ZigZag).
    @inlinable
    public mutating func writeSInt64(_ field: UInt32, _ value: Int64, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .varint)
        writeVarint(ZigZag.encode(value))
    }

    /// Writes a `bool`.
    @inlinable
    public mutating func writeBool(_ field: UInt32, _ value: Bool, presence: Presence = .implicit) {
        guard value || presence == .explicit else { return }
        append(reserving: 6) { pointer in
            let i = Self.put(varint: UInt64(field) << 3, at: pointer)
            pointer[i] = value ? 1 : 0
            return i + 1
        }
    }

    /// Writes an enum's raw value.
    @inlinable
    public mutating func writeEnum(_ field: UInt32, _ rawValue: Int32, presence: Presence = .implicit) {
        writeInt32(field, rawValue, presence: presence)
    }

    // MARK: - Fixed-width scalars

    /// Writes a `fixed32`.
    @inlinable
    public mutating func writeFixed32(_ field: UInt32, _ value: UInt32, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .fixed32)
        writeRawFixed32(value)
    }

    /// Writes an `sfixed32`.
    @inlinable
    public mutating func writeSFixed32(_ field: UInt32, _ value: Int32, presence: Presence = .implicit) {
        writeFixed32(field, UInt32(bitPattern: value), presence: presence)
    }

    /// Writes a `fixed64`.
    @inlinable
    public mutating func writeFixed64(_ field: UInt32, _ value: UInt64, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .fixed64)
        writeRawFixed64(value)
    }

    /// Writes an `sfixed64`.
    @inlinable
    public mutating func writeSFixed64(_ field: UInt32, _ value: Int64, presence: Presence = .implicit) {
        writeFixed64(field, UInt64(bitPattern: value), presence: presence)
    }

    /// Writes a `float`.
    ///
    /// With implicit presence a value that compares equal to zero is omitted, and that includes `-0.0`: the
    /// official Python SDK's protobuf runtime (pure Python, `if not value`) does the same, so `-0.0` reads back
    /// as `0.0`. NaN is not equal to zero and is written.
    @inlinable
    public mutating func writeFloat(_ field: UInt32, _ value: Float, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .fixed32)
        writeRawFixed32(value.bitPattern)
    }

    /// Writes a `double`; `-0.0` is omitted like `0.0` under implicit presence (see ``writeFloat(_:_:presence:)``).
    @inlinable
    public mutating func writeDouble(_ field: UInt32, _ value: Double, presence: Presence = .implicit) {
        guard value != 0 || presence == .explicit else { return }
        writeKey(field, .fixed64)
        writeRawFixed64(value.bitPattern)
    }

    // MARK: - Length-delimited

    /// Writes a `string` as UTF-8.
    @inlinable
    public mutating func writeString(_ field: UInt32, _ value: String, presence: Presence = .implicit) {
        guard !value.isEmpty || presence == .explicit else { return }
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { appendLengthDelimited(field, $0) }
        if done == nil {
            var copy = value
            copy.withUTF8 { utf8 in appendLengthDelimited(field, utf8) }
        }
    }

    /// Writes `bytes`.
    @inlinable
    public mutating func writeBytes(
        _ field: UInt32, _ value: some Collection<UInt8>, presence: Presence = .implicit
    ) {
        guard !value.isEmpty || presence == .explicit else { return }
        let done: Void? = value.withContiguousStorageIfAvailable { appendLengthDelimited(field, $0) }
        if done == nil { Array(value).withUnsafeBufferPointer { appendLengthDelimited(field, $0) } }
    }

    /// Writes an embedded message whose fields `body` writes; the length prefix is fixed up afterwards.
    ///
    /// Messages have explicit presence: an empty body still writes the key and a zero length.
    @inlinable
    public mutating func writeMessage(_ field: UInt32, _ body: (inout WireWriter) -> Void) {
        writeLengthDelimited(field, presence: .explicit, body)
    }
}
