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

    /// The bytes written so far (a copy; ``takeBytes()`` hands them over without one).
    public var bytes: [UInt8] { length == buffer.count ? buffer : Array(buffer[..<length]) }

    /// The storage: written bytes in `buffer[..<length]`, spare capacity after them. Each write makes
    /// room once and stores through a pointer, instead of an `Array.append` (uniqueness and capacity checks)
    /// per byte.
    @usableFromInline var buffer: [UInt8]
    @usableFromInline var length: Int

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 128) {
        buffer = [UInt8](repeating: 0, count: Swift.max(capacity, 0))
        length = 0
    }

    /// Creates an empty writer that writes into `buffer`'s storage (its contents are overwritten), e.g. one an
    /// earlier writer gave up with ``takeStorage()``.
    @usableFromInline package init(reusing buffer: [UInt8]) {
        self.buffer = buffer
        length = 0
    }

    /// Hands over the whole storage (written bytes and spare capacity) for reuse with ``init(reusing:)``; the
    /// writer is empty afterwards.
    @usableFromInline package mutating func takeStorage() -> [UInt8] {
        var result: [UInt8] = []
        swap(&result, &buffer)
        length = 0
        return result
    }

    /// The bytes written so far as a slice that shares the writer's storage (no copy). Writing again while the
    /// slice is alive copies the storage first, as with any array.
    @usableFromInline package var writtenBytes: ArraySlice<UInt8> { buffer[..<length] }

    /// Empties the writer, keeping its capacity for the next bytes.
    @usableFromInline package mutating func removeAll() {
        length = 0
    }

    /// The bytes written, handed over without copying; the writer is empty afterwards.
    @usableFromInline package mutating func takeBytes() -> [UInt8] {
        var result: [UInt8] = []
        swap(&result, &buffer)
        if result.count > length { result.removeLast(result.count - length) }
        length = 0
        return result
    }

    /// Makes room for at least `needed` more bytes.
    @usableFromInline
    mutating func grow(_ needed: Int) {
        let target = Swift.max(buffer.count * 2, length + needed, 64)
        buffer.append(contentsOf: repeatElement(0, count: target - buffer.count))
    }

    /// Runs `body` with a pointer to the end of the written bytes and room for `needed` more; `body` returns how
    /// many it wrote.
    @inlinable @inline(__always)
    mutating func append(reserving needed: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = length
        if _slowPath(buffer.count - start < needed) { grow(needed) }
        let written = buffer.withUnsafeMutableBufferPointer { all in
            // The buffer is never empty here: `needed` > 0 and the capacity check above.
            body(all.baseAddress.unsafelyUnwrapped + start)
        }
        length = start + written
    }

    /// Stores `value` as a varint at `pointer`; returns the number of bytes (1...10).
    @inlinable @inline(__always)
    static func put(varint value: UInt64, at pointer: UnsafeMutablePointer<UInt8>) -> Int {
        var v = value
        var i = 0
        while v >= 0x80 {
            pointer[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i += 1
        }
        pointer[i] = UInt8(truncatingIfNeeded: v)
        return i + 1
    }

    // MARK: - Raw

    /// Appends a base-128 varint.
    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        append(reserving: 10) { Self.put(varint: value, at: $0) }
    }

    /// Appends a field key.
    @inlinable
    public mutating func writeKey(_ field: UInt32, _ wireType: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// Appends four little-endian bytes.
    @inlinable
    public mutating func writeRawFixed32(_ value: UInt32) {
        append(reserving: 4) { pointer in
            UnsafeMutableRawPointer(pointer).storeBytes(of: value.littleEndian, as: UInt32.self)
            return 4
        }
    }

    /// Appends eight little-endian bytes.
    @inlinable
    public mutating func writeRawFixed64(_ value: UInt64) {
        append(reserving: 8) { pointer in
            UnsafeMutableRawPointer(pointer).storeBytes(of: value.littleEndian, as: UInt64.self)
            return 8
        }
    }

    /// Appends bytes as they are (for pre-encoded fields).
    @inlinable
    public mutating func writeRaw(_ raw: some Collection<UInt8>) {
        let done: Void? = raw.withContiguousStorageIfAvailable { appendRaw($0) }
        if done == nil { Array(raw).withUnsafeBufferPointer { appendRaw($0) } }
    }

    /// Appends everything `other` has written.
    @inlinable
    public mutating func writeRaw(_ other: WireWriter) {
        other.buffer.withUnsafeBufferPointer { all in appendRaw(UnsafeBufferPointer(rebasing: all[..<other.length])) }
    }

    @inlinable
    mutating func appendRaw(_ raw: UnsafeBufferPointer<UInt8>) {
        let n = raw.count
        guard n > 0, let source = raw.baseAddress else { return }
        append(reserving: n) { pointer in
            Self.copy(source, to: pointer, count: n)
            return n
        }
    }

    /// Copies `count` bytes (the two ranges never overlap). Short runs (names, ids, typenames, small values:
    /// most fields) are copied as two overlapping loads and stores of the widest word that fits, with no loop:
    /// the optimizer turns a copy loop into a call to `memmove`, whose setup costs more than such a copy.
    @inlinable @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch count {
        case 0: return
        case 1: target.pointee = source.pointee
        case 2...3: copyEnds(from, to, count, as: UInt16.self)
        case 4...7: copyEnds(from, to, count, as: UInt32.self)
        case 8...16: copyEnds(from, to, count, as: UInt64.self)
        case 17...32:
            copyEnds(from, to, 16, as: UInt64.self)
            copyEnds(from + (count - 16), to + (count - 16), 16, as: UInt64.self)
        default: target.update(from: source, count: count)
        }
    }

    /// Copies `count` bytes (between one and two words of type `Word`) as the first and the last word, which
    /// overlap when `count` is less than two words.
    @inlinable @inline(__always)
    static func copyEnds<Word: FixedWidthInteger>(
        _ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer, _ count: Int, as: Word.Type
    ) {
        let last = count - MemoryLayout<Word>.size
        let head = from.loadUnaligned(as: Word.self)
        let tail = from.loadUnaligned(fromByteOffset: last, as: Word.self)
        to.storeBytes(of: head, as: Word.self)
        to.storeBytes(of: tail, toByteOffset: last, as: Word.self)
    }

    /// Appends a length-delimited field: key, length, bytes.
    @inlinable
    mutating func appendLengthDelimited(_ field: UInt32, _ raw: UnsafeBufferPointer<UInt8>) {
        let n = raw.count
        append(reserving: n + 15) { pointer in
            var i = Self.put(varint: UInt64(field) << 3 | UInt64(WireType.lengthDelimited.rawValue), at: pointer)
            i += Self.put(varint: UInt64(n), at: pointer + i)
            if let source = raw.baseAddress { Self.copy(source, to: pointer + i, count: n) }
            return i + n
        }
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

    /// Where a length-delimited field started: returned by ``beginLengthDelimited(_:)``, consumed by
    /// ``endLengthDelimited(_:presence:)`` or ``rollBack(to:)``.
    @usableFromInline package struct Mark: Sendable {
        @usableFromInline let fieldStart: Int
        @usableFromInline let lengthAt: Int

        @usableFromInline init(fieldStart: Int, lengthAt: Int) {
            self.fieldStart = fieldStart
            self.lengthAt = lengthAt
        }

        /// A placeholder, for a mark that a ``Run`` is about to set.
        @inlinable package static var none: Mark { Mark(fieldStart: 0, lengthAt: 0) }
    }

    /// Starts a length-delimited field: writes its key and a placeholder length. Write the content, then call
    /// ``endLengthDelimited(_:presence:)`` (or ``rollBack(to:)`` to drop the field). The closure-free form of
    /// ``writeLengthDelimited(_:presence:_:)``, for hot paths.
    @inlinable
    package mutating func beginLengthDelimited(_ field: UInt32) -> Mark {
        let fieldStart = length
        append(reserving: 6) { pointer in
            let i = Self.put(varint: UInt64(field) << 3 | UInt64(WireType.lengthDelimited.rawValue), at: pointer)
            pointer[i] = 0
            return i + 1
        }
        return Mark(fieldStart: fieldStart, lengthAt: length - 1)
    }

    /// Ends a field started with ``beginLengthDelimited(_:)``, fixing its length. With `presence: .implicit` an
    /// empty content removes the field (proto3 omits an empty `bytes`/`string`).
    @inlinable
    package mutating func endLengthDelimited(_ mark: Mark, presence: Presence = .explicit) {
        let size = length - mark.lengthAt - 1
        if size < 0x80 {
            if size == 0, presence == .implicit {
                length = mark.fieldStart
            } else {
                buffer[mark.lengthAt] = UInt8(truncatingIfNeeded: size)
            }
            return
        }
        // A length of two or more varint bytes: move the content right to make room for them.
        var extra = 0
        var v = size >> 7
        while v > 0 {
            extra += 1
            v >>= 7
        }
        let contentStart = mark.lengthAt + 1
        append(reserving: extra) { _ in extra }
        buffer.withUnsafeMutableBufferPointer { all in
            let base = all.baseAddress.unsafelyUnwrapped
            (base + contentStart + extra).update(from: base + contentStart, count: size)
            _ = Self.put(varint: UInt64(size), at: base + mark.lengthAt)
        }
    }

    /// Ends three nested fields at once, innermost first (`inner` with implicit presence, as a `bytes` field):
    /// one write when all three lengths fit in a byte, the same result as three ``endLengthDelimited(_:presence:)``
    /// calls otherwise.
    @inlinable
    package mutating func endNested(inner: Mark, middle: Mark, outer: Mark) {
        let innerSize = length - inner.lengthAt - 1
        let outerSize = length - outer.lengthAt - 1
        guard innerSize > 0, outerSize < 0x80 else {
            endLengthDelimited(inner, presence: .implicit)
            endLengthDelimited(middle)
            endLengthDelimited(outer)
            return
        }
        let middleSize = length - middle.lengthAt - 1
        buffer.withUnsafeMutableBufferPointer { all in
            all[inner.lengthAt] = UInt8(truncatingIfNeeded: innerSize)
            all[middle.lengthAt] = UInt8(truncatingIfNeeded: middleSize)
            all[outer.lengthAt] = UInt8(truncatingIfNeeded: outerSize)
        }
    }

    /// Removes everything written since `mark`'s field began (after an error while writing it).
    @inlinable
    package mutating func rollBack(to mark: Mark) {
        length = mark.fieldStart
    }

    /// Writes a length-delimited field whose content `body` writes, and can fail.
    ///
    /// If `body` throws, everything written for this field is removed again, so a caller that catches the
    /// error keeps a well-formed buffer. With `presence: .implicit` an empty content writes nothing at all
    /// (proto3 omits an empty `bytes`/`string`); `.explicit` (the default, right for messages) keeps it.
    @inlinable
    package mutating func writeLengthDelimited<E: Error>(
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
    public var count: Int { length }

    /// Writes an embedded message that has already been encoded.
    @inlinable
    public mutating func writeMessageBytes(_ field: UInt32, _ encoded: some Collection<UInt8>) {
        writeBytes(field, encoded, presence: .explicit)
    }
}
