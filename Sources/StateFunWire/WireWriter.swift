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

    /// The bytes written so far (a copy).
    public var bytes: [UInt8] { length == buffer.count ? buffer : Array(buffer[..<length]) }

    /// The number of bytes written so far.
    public var count: Int { length }

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

    /// Calls `body` with the bytes written so far, read in place: no slice, no retain of the storage (for readers
    /// that run on every batch, such as the metrics' effect tally). The pointer is valid only during `body`.
    @inlinable
    package func withWrittenBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        buffer.withUnsafeBufferPointer { all in
            // length <= buffer.count always: the writer grows the buffer before it writes.
            body(UnsafeBufferPointer(rebasing: all[..<length]))
        }
    }

    /// Empties the writer, keeping its capacity for the next bytes.
    @usableFromInline package mutating func removeAll() {
        length = 0
    }

    /// Drops what was written after the first `count` bytes (kept when there are no more), keeping the capacity:
    /// undoes whole fields written since `count` was read.
    package mutating func truncate(to count: Int) {
        if count >= 0, count < length { length = count }
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
}
