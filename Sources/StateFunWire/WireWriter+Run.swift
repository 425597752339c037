extension WireWriter {
    /// A run of fields written with one capacity check: ``WireWriter/writeRun(reserving:_:)`` makes room, and
    /// the run stores each key, length and string straight through a pointer.
    ///
    /// Each write is bounds-checked against the room reserved. A run that needs more than that is written
    /// again, with room enough: a run's body must only write (no side effects), since it may run twice.
    @usableFromInline package struct Run {
        @usableFromInline let base: UnsafeMutablePointer<UInt8>
        /// The writer's length where the run starts: ``WireWriter/Mark``s count from the writer's start.
        @usableFromInline let origin: Int
        @usableFromInline let limit: Int
        @usableFromInline var position = 0
        @usableFromInline var overflowed = false

        @usableFromInline
        init(base: UnsafeMutablePointer<UInt8>, origin: Int, limit: Int) {
            self.base = base
            self.origin = origin
            self.limit = limit
        }

        /// Whether `count` more bytes fit; records an overflow when they don't.
        @inlinable @inline(__always)
        mutating func fits(_ count: Int) -> Bool {
            if _fastPath(position + count <= limit) { return true }
            overflowed = true
            return false
        }

        /// Appends a varint.
        @inlinable
        package mutating func writeVarint(_ value: UInt64) {
            guard fits(10) else { return }
            position += WireWriter.put(varint: value, at: base + position)
        }

        /// Appends a field key.
        @inlinable
        package mutating func writeKey(_ field: UInt32, _ wireType: WireType) {
            writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
        }

        /// Writes a `bool` (with implicit presence, `false` writes nothing).
        @inlinable
        package mutating func writeBool(_ field: UInt32, _ value: Bool) {
            guard value, fits(6) else { return }
            position += WireWriter.put(varint: UInt64(field) << 3, at: base + position)
            base[position] = 1
            position += 1
        }

        /// Writes a `string` (with implicit presence, an empty string writes nothing).
        ///
        /// A call, not inlined: a run body that writes a few strings then stays small enough to be inlined into
        /// ``WireWriter/writeRun(reserving:_:)`` itself, and the marks it returns stay in registers instead of
        /// being stored and reloaded (a send measured 15% faster).
        @inlinable @inline(never)
        package mutating func writeString(_ field: UInt32, _ value: String) {
            guard !value.isEmpty else { return }
            let done: Void? = value.utf8.withContiguousStorageIfAvailable { writeLengthDelimited(field, $0) }
            if done == nil {
                var copy = value
                copy.withUTF8 { writeLengthDelimited(field, $0) }
            }
        }

        @inlinable @inline(__always)
        mutating func writeLengthDelimited(_ field: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) {
            let n = bytes.count
            guard fits(n + 15) else { return }
            position += WireWriter.put(
                varint: UInt64(field) << 3 | UInt64(WireType.lengthDelimited.rawValue), at: base + position)
            position += WireWriter.put(varint: UInt64(n), at: base + position)
            if let source = bytes.baseAddress { WireWriter.copy(source, to: base + position, count: n) }
            position += n
        }

        /// Starts a length-delimited field whose content follows (in this run or after it); end it with
        /// ``WireWriter/endLengthDelimited(_:presence:)`` once the run is over.
        @inlinable
        package mutating func beginLengthDelimited(_ field: UInt32) -> Mark {
            let fieldStart = origin + position
            guard fits(6) else { return Mark(fieldStart: fieldStart, lengthAt: fieldStart) }
            position += WireWriter.put(
                varint: UInt64(field) << 3 | UInt64(WireType.lengthDelimited.rawValue), at: base + position)
            base[position] = 0
            position += 1
            return Mark(fieldStart: fieldStart, lengthAt: origin + position - 1)
        }
    }

    /// Writes a run of fields with one capacity check instead of one per field: `body` gets room for `maximum`
    /// bytes (keys, lengths and contents of what it writes). If it writes more, the run is dropped and written
    /// again with more room, so `body` must only write; what it returns the last time is returned (the
    /// ``Mark``s of what it began, say: returned rather than stored into a captured variable, they stay in
    /// registers).
    @inlinable
    package mutating func writeRun<Result>(reserving maximum: Int, _ body: (inout Run) -> Result) -> Result {
        var room = Swift.max(maximum, 16)
        while true {
            let start = length
            if _slowPath(buffer.count - start < room) { grow(room) }
            let (used, result) = buffer.withUnsafeMutableBufferPointer { all -> (Int?, Result) in
                var run = Run(base: all.baseAddress.unsafelyUnwrapped + start, origin: start, limit: room)
                let result = body(&run)
                return (run.overflowed ? nil : run.position, result)
            }
            if let used {
                length = start + used
                return result
            }
            room *= 2
        }
    }

    /// How many bytes the length-delimited field `field` with `count` bytes of content takes: key, length and
    /// content; 0 for empty content under implicit presence (proto3 leaves it out).
    @inlinable
    package static func lengthDelimitedSize(_ field: UInt32, count: Int, presence: Presence = .implicit) -> Int {
        if count == 0, presence == .implicit { return 0 }
        return varintSize(UInt64(field) << 3) + varintSize(UInt64(count)) + count
    }

    /// How many bytes a varint of `value` takes (1...10).
    @inlinable
    package static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var v = value >> 7
        while v != 0 {
            size += 1
            v >>= 7
        }
        return size
    }
}
