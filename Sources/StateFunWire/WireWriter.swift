/// Writes protobuf wire format into a growing byte array, following proto3 exactly.
///
/// Fields must be written in field-number order (what every protobuf runtime emits, and what byte-exact
/// comparison with the official SDKs needs). Scalars with implicit presence are omitted when they hold their
/// default (0, false, empty), as proto3 requires; pass `presence: .explicit` to write a default anyway (for
/// `optional` fields and repeated elements). Embedded messages are always written once asked for, with their
/// length computed after the body is written.
///
/// ```swift
/// var writer = WireWriter()
/// writer.writeString(1, response.name)
/// writer.writeString(2, response.greeting)
/// let bytes = writer.bytes
/// ```
public struct WireWriter: Sendable {
    /// Whether a scalar equal to its default value goes on the wire.
    public enum Presence: Sendable {
        /// proto3 implicit presence: defaults are omitted.
        case implicit
        /// Explicit presence (`optional`, oneof members, repeated elements): always written.
        case explicit
    }

    /// The bytes written so far.
    public var bytes: [UInt8] { buffer }

    @usableFromInline var buffer: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 128) {
        buffer = []
        buffer.reserveCapacity(capacity)
    }

    // MARK: - Raw

    /// Appends a base-128 varint.
    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(truncatingIfNeeded: v))
    }

    /// Appends a field key.
    @inlinable
    public mutating func writeKey(_ field: UInt32, _ wireType: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// Appends four little-endian bytes.
    @inlinable
    public mutating func writeRawFixed32(_ value: UInt32) {
        buffer.append(UInt8(truncatingIfNeeded: value))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value >> 16))
        buffer.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    /// Appends eight little-endian bytes.
    @inlinable
    public mutating func writeRawFixed64(_ value: UInt64) {
        writeRawFixed32(UInt32(truncatingIfNeeded: value))
        writeRawFixed32(UInt32(truncatingIfNeeded: value >> 32))
    }

    /// Appends bytes as they are (for pre-encoded fields).
    @inlinable
    public mutating func writeRaw(_ raw: some Collection<UInt8>) {
        buffer.append(contentsOf: raw)
    }

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
        writeKey(field, .varint)
        buffer.append(value ? 1 : 0)
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
        writeKey(field, .lengthDelimited)
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            buffer.append(contentsOf: utf8)
        }
    }

    /// Writes `bytes`.
    @inlinable
    public mutating func writeBytes(
        _ field: UInt32, _ value: some Collection<UInt8>, presence: Presence = .implicit
    ) {
        guard !value.isEmpty || presence == .explicit else { return }
        writeKey(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        buffer.append(contentsOf: value)
    }

    /// Writes an embedded message whose fields `body` writes; the length prefix is fixed up afterwards.
    ///
    /// Messages have explicit presence: an empty body still writes the key and a zero length.
    @inlinable
    public mutating func writeMessage(_ field: UInt32, _ body: (inout WireWriter) -> Void) {
        writeLengthDelimited(field, presence: .explicit, body)
    }

    /// Where a length-delimited field started: returned by ``beginLengthDelimited(_:)``, consumed by
    /// ``endLengthDelimited(_:presence:)`` or ``rollBack(to:)``.
    public struct Mark: Sendable {
        @usableFromInline let fieldStart: Int
        @usableFromInline let lengthAt: Int

        @usableFromInline init(fieldStart: Int, lengthAt: Int) {
            self.fieldStart = fieldStart
            self.lengthAt = lengthAt
        }
    }

    /// Starts a length-delimited field: writes its key and a placeholder length. Write the content, then call
    /// ``endLengthDelimited(_:presence:)`` (or ``rollBack(to:)`` to drop the field). The closure-free form of
    /// ``writeLengthDelimited(_:presence:_:)``, for hot paths.
    @inlinable
    public mutating func beginLengthDelimited(_ field: UInt32) -> Mark {
        let fieldStart = buffer.count
        writeKey(field, .lengthDelimited)
        let lengthAt = buffer.count
        buffer.append(0)
        return Mark(fieldStart: fieldStart, lengthAt: lengthAt)
    }

    /// Ends a field started with ``beginLengthDelimited(_:)``, fixing its length. With `presence: .implicit` an
    /// empty content removes the field (proto3 omits an empty `bytes`/`string`).
    @inlinable
    public mutating func endLengthDelimited(_ mark: Mark, presence: Presence = .explicit) {
        let length = buffer.count - mark.lengthAt - 1
        if length < 0x80 {
            if length == 0, presence == .implicit {
                buffer.removeSubrange(mark.fieldStart...)
            } else {
                buffer[mark.lengthAt] = UInt8(truncatingIfNeeded: length)
            }
            return
        }
        var prefix: [UInt8] = []
        var v = UInt64(length)
        while v >= 0x80 {
            prefix.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        prefix.append(UInt8(truncatingIfNeeded: v))
        buffer.replaceSubrange(mark.lengthAt..<(mark.lengthAt + 1), with: prefix)
    }

    /// Removes everything written since `mark`'s field began (after an error while writing it).
    @inlinable
    public mutating func rollBack(to mark: Mark) {
        buffer.removeSubrange(mark.fieldStart...)
    }

    /// Writes a length-delimited field whose content `body` writes, and can fail.
    ///
    /// If `body` throws, everything written for this field is removed again, so a caller that catches the
    /// error keeps a well-formed buffer. With `presence: .implicit` an empty content writes nothing at all
    /// (proto3 omits an empty `bytes`/`string`); `.explicit` (the default, right for messages) keeps it.
    @inlinable
    public mutating func writeLengthDelimited<E: Error>(
        _ field: UInt32, presence: Presence = .explicit, _ body: (inout WireWriter) throws(E) -> Void
    ) throws(E) {
        let mark = beginLengthDelimited(field)
        do {
            try body(&self)
        } catch {
            rollBack(to: mark)
            throw error
        }
        endLengthDelimited(mark, presence: presence)
    }

    /// The number of bytes written so far.
    public var count: Int { buffer.count }

    /// Writes an embedded message that has already been encoded.
    @inlinable
    public mutating func writeMessageBytes(_ field: UInt32, _ encoded: some Collection<UInt8>) {
        writeBytes(field, encoded, presence: .explicit)
    }
}
