// Length-delimited fields written in place: the key and a one-byte length go first, the body after, and the
// length is fixed up (the body moved when it needs a longer varint) once the body is known. For the SDK's own
// messages; hand-written codecs use writeMessage(_:_:), or writeMessageBytes(_:_:) for a message already encoded.

extension WireWriter {
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

    /// Writes an embedded message that has already been encoded.
    @inlinable
    public mutating func writeMessageBytes(_ field: UInt32, _ encoded: some Collection<UInt8>) {
        writeBytes(field, encoded, presence: .explicit)
    }
}
