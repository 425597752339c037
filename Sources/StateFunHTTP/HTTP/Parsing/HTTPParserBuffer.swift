#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes an ``HTTPParser`` has received but not consumed yet.
///
/// One growable array: bytes `[readIndex, writeIndex)` are unconsumed, `[writeIndex, count)`
/// is spare space a `recv` can write into directly. Consumed space is reclaimed by moving
/// the live bytes to the front before the array grows, so a connection's buffer stays at
/// the size of the largest partial line or pipelined burst it had to hold. Indices handed
/// out (line ranges, ``subscript(_:)-(Int)``) are absolute and valid until the next append.
struct HTTPParserBuffer: Sendable {
    private var storage: [UInt8] = []
    private(set) var readIndex = 0
    private(set) var writeIndex = 0
    /// Where the search for the next line feed resumes, so no byte is scanned twice.
    private var scanIndex = 0

    /// What ``nextLine()`` found.
    enum LineSearch {
        /// A complete line (without its CRLF or LF), already consumed.
        case line(Range<Int>)
        /// No line feed yet; `pendingBytes` is the partial line's length so far (without
        /// a trailing CR that may start its line ending).
        case incomplete(pendingBytes: Int)
    }

    /// Unconsumed bytes.
    var count: Int { writeIndex - readIndex }

    var isEmpty: Bool { readIndex == writeIndex }

    /// The first unconsumed byte, if any.
    var first: UInt8? { readIndex < writeIndex ? storage[readIndex] : nil }

    subscript(index: Int) -> UInt8 { storage[index] }

    subscript(range: Range<Int>) -> ArraySlice<UInt8> { storage[range] }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        let copied: Void? = bytes.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if copied != nil { return }
        for byte in bytes {
            if writeIndex == storage.count { reserveSpace(1) }
            storage[writeIndex] = byte
            writeIndex += 1
        }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        reserveSpace(bytes.count)
        storage.withUnsafeMutableBytes { storage in
            guard let base = storage.baseAddress, let source = bytes.baseAddress else { return }
            memcpy(base + writeIndex, source, bytes.count)
        }
        writeIndex += bytes.count
    }

    /// Lets `read` write directly into spare space of at least `minimumSpace` bytes (a
    /// `recv` into the buffer, without an intermediate copy); `read` returns how many bytes
    /// it wrote, or a negative or zero value for none. Returns `read`'s result.
    mutating func appendDirectly(minimumSpace: Int, _ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        reserveSpace(minimumSpace)
        let written = storage.withUnsafeMutableBytes { storage -> Int in
            guard let base = storage.baseAddress else { return 0 }
            return read(UnsafeMutableRawBufferPointer(start: base + writeIndex, count: storage.count - writeIndex))
        }
        if written > 0 { writeIndex += written }
        return written
    }

    /// Ensures `count` bytes of spare space after `writeIndex`, compacting before growing.
    mutating func reserveSpace(_ count: Int) {
        if readIndex == writeIndex {
            readIndex = 0
            writeIndex = 0
            scanIndex = 0
        }
        if storage.count - writeIndex >= count { return }
        if readIndex > 0 {
            let live = writeIndex - readIndex
            storage.withUnsafeMutableBytes { storage in
                guard let base = storage.baseAddress else { return }
                memmove(base, base + readIndex, live)
            }
            scanIndex -= readIndex
            writeIndex = live
            readIndex = 0
            if storage.count - writeIndex >= count { return }
        }
        // Grow by allocating the new size at once and copying only the live bytes.
        let target = max(writeIndex + count, storage.count * 2, 4096)
        let live = writeIndex
        let old = storage
        storage = [UInt8](unsafeUninitializedCapacity: target) { storage, initialized in
            old.withUnsafeBufferPointer { source in
                if let from = source.baseAddress, let to = storage.baseAddress, live > 0 {
                    memcpy(to, from, live)
                }
            }
            // The spare part is written by appends before it is read; zero it anyway so the
            // array never exposes uninitialized memory.
            if let to = storage.baseAddress { memset(to + live, 0, target - live) }
            initialized = target
        }
    }

    /// Finds and consumes the next line (RFC 9112 §2.2: CRLF, or a bare LF).
    mutating func nextLine() -> LineSearch {
        let searchStart = max(scanIndex, readIndex)
        let newline: Int? = storage.withUnsafeBytes { storage -> Int? in
            guard let base = storage.baseAddress, searchStart < writeIndex else { return nil }
            guard let hit = memchr(base + searchStart, Int32(UInt8(ascii: "\n")), writeIndex - searchStart) else {
                return nil
            }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let newline else {
            scanIndex = writeIndex
            var pending = writeIndex - readIndex
            if pending > 0 && storage[writeIndex - 1] == UInt8(ascii: "\r") { pending -= 1 }
            return .incomplete(pendingBytes: pending)
        }
        var end = newline
        if end > readIndex && storage[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = readIndex..<end
        consume(count: newline + 1 - readIndex)
        return .line(line)
    }

    /// Drops `count` unconsumed bytes.
    mutating func consume(count: Int) {
        readIndex += count
        if scanIndex < readIndex { scanIndex = readIndex }
    }

    /// Moves `count` unconsumed bytes to the end of `body`.
    mutating func move(_ count: Int, appendingTo body: inout [UInt8]) {
        let start = readIndex
        storage.withUnsafeBytes { storage in
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: storage[start..<(start + count)]))
        }
        consume(count: count)
    }
}
