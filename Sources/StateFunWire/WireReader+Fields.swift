// The typed field reads, one per protobuf scalar type, string, bytes and embedded message (protobuf encoding
// guide, "Scalar Value Types"): each checks the field's wire type, then reads and converts the value.

extension WireReader {
    /// Reads an `int32` (varint; negative values arrive sign-extended to 64 bits and are truncated).
    @inlinable public mutating func readInt32(_ tag: FieldTag) throws(WireError) -> Int32 {
        try expect(tag, .varint)
        return Int32(truncatingIfNeeded: try readVarint())
    }

    /// Reads an `int64` (varint).
    @inlinable public mutating func readInt64(_ tag: FieldTag) throws(WireError) -> Int64 {
        try expect(tag, .varint)
        return Int64(bitPattern: try readVarint())
    }

    /// Reads a `uint32` (varint, truncated to 32 bits as protobuf does).
    @inlinable public mutating func readUInt32(_ tag: FieldTag) throws(WireError) -> UInt32 {
        try expect(tag, .varint)
        return UInt32(truncatingIfNeeded: try readVarint())
    }

    /// Reads a `uint64` (varint).
    @inlinable public mutating func readUInt64(_ tag: FieldTag) throws(WireError) -> UInt64 {
        try expect(tag, .varint)
        return try readVarint()
    }

    /// Reads a `sint32` (ZigZag varint).
    @inlinable public mutating func readSInt32(_ tag: FieldTag) throws(WireError) -> Int32 {
        try expect(tag, .varint)
        return ZigZag.decode(UInt32(truncatingIfNeeded: try readVarint()))
    }

    /// Reads a `sint64` (ZigZag varint).
    @inlinable public mutating func readSInt64(_ tag: FieldTag) throws(WireError) -> Int64 {
        try expect(tag, .varint)
        return ZigZag.decode(try readVarint())
    }

    /// Reads a `bool` (any non-zero varint is true, as in every protobuf runtime).
    @inlinable public mutating func readBool(_ tag: FieldTag) throws(WireError) -> Bool {
        try expect(tag, .varint)
        return try readVarint() != 0
    }

    /// Reads an enum's raw value (open enums: unknown values are kept as numbers).
    @inlinable public mutating func readEnum(_ tag: FieldTag) throws(WireError) -> Int32 {
        try readInt32(tag)
    }

    /// Reads a `fixed32`.
    @inlinable public mutating func readFixed32(_ tag: FieldTag) throws(WireError) -> UInt32 {
        try expect(tag, .fixed32)
        return try readRawFixed32()
    }

    /// Reads an `sfixed32`.
    @inlinable public mutating func readSFixed32(_ tag: FieldTag) throws(WireError) -> Int32 {
        try expect(tag, .fixed32)
        return Int32(bitPattern: try readRawFixed32())
    }

    /// Reads a `fixed64`.
    @inlinable public mutating func readFixed64(_ tag: FieldTag) throws(WireError) -> UInt64 {
        try expect(tag, .fixed64)
        return try readRawFixed64()
    }

    /// Reads an `sfixed64`.
    @inlinable public mutating func readSFixed64(_ tag: FieldTag) throws(WireError) -> Int64 {
        try expect(tag, .fixed64)
        return Int64(bitPattern: try readRawFixed64())
    }

    /// Reads a `float` (IEEE 754 binary32, little-endian).
    @inlinable public mutating func readFloat(_ tag: FieldTag) throws(WireError) -> Float {
        try expect(tag, .fixed32)
        return Float(bitPattern: try readRawFixed32())
    }

    /// Reads a `double` (IEEE 754 binary64, little-endian).
    @inlinable public mutating func readDouble(_ tag: FieldTag) throws(WireError) -> Double {
        try expect(tag, .fixed64)
        return Double(bitPattern: try readRawFixed64())
    }

    /// Reads a `string`, rejecting bytes that are not valid UTF-8.
    @inlinable public mutating func readString(_ tag: FieldTag) throws(WireError) -> String {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimitedRange()
        if range.isEmpty { return "" }
        let base = storage.startIndex
        let decoded: String? = storage.withUnsafeBufferPointer { buffer in
            UTF8Validation.string(UnsafeBufferPointer(rebasing: buffer[(range.lowerBound - base)..<(range.upperBound - base)]))
        }
        guard let string = decoded else { throw .invalidUTF8(offset: range.lowerBound, field: tag.number) }
        return string
    }

    /// Reads a `string` field's bytes without making a `String`: checks they are valid UTF-8 and returns where
    /// they are (indices of the outermost buffer). For decoders that keep a position now and make the text later,
    /// or never.
    @inlinable package mutating func readStringRange(_ tag: FieldTag) throws(WireError) -> Range<Int> {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimitedRange()
        if range.isEmpty { return range }
        let base = storage.startIndex
        let valid: Bool = storage.withUnsafeBufferPointer { buffer in
            UTF8Validation.isValid(UnsafeBufferPointer(rebasing: buffer[(range.lowerBound - base)..<(range.upperBound - base)]))
        }
        guard valid else { throw .invalidUTF8(offset: range.lowerBound, field: tag.number) }
        return range
    }

    /// Reads a `string`, returning the matching candidate itself when the bytes equal one (no allocation:
    /// typenames repeat in every request, and a literal candidate is never reference counted).
    @inlinable package mutating func readString(_ tag: FieldTag, interning candidates: [String]) throws(WireError)
        -> String
    {
        try expect(tag, .lengthDelimited)
        let start = index
        let range = try readLengthDelimitedRange()
        let base = storage.startIndex
        let match: String? = storage.withUnsafeBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(rebasing: buffer[(range.lowerBound - base)..<(range.upperBound - base)])
            for candidate in candidates {
                var candidate = candidate
                let equal = candidate.withUTF8 { utf8 in
                    guard utf8.count == bytes.count else { return false }
                    for k in 0..<utf8.count where utf8[k] != bytes[k] { return false }
                    return true
                }
                if equal { return candidate }
            }
            return nil
        }
        if let match { return match }
        index = start
        return try readString(tag)
    }

    /// Reads `bytes` into a new array.
    @inlinable public mutating func readBytes(_ tag: FieldTag) throws(WireError) -> [UInt8] {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimitedRange()
        return Array(storage[range])
    }

    /// Reads a `bytes` field's position (indices of the outermost buffer), for decoders that slice it later.
    @inlinable package mutating func readBytesRange(_ tag: FieldTag) throws(WireError) -> Range<Int> {
        try expect(tag, .lengthDelimited)
        return try readLengthDelimitedRange()
    }

    /// Reads `bytes` as a slice that shares the input's storage (no copy).
    @inlinable public mutating func readBytesSlice(_ tag: FieldTag) throws(WireError) -> ArraySlice<UInt8> {
        try expect(tag, .lengthDelimited)
        let range = try readLengthDelimitedRange()
        return storage[range]
    }

    /// Reads an embedded message: `body` gets a reader limited to the message's bytes, one level deeper.
    ///
    /// The body need not read everything; whatever it leaves is skipped.
    @inlinable
    public mutating func readMessage<T>(
        _ tag: FieldTag,
        _ body: (inout WireReader) throws(WireError) -> T
    ) throws(WireError) -> T {
        try expect(tag, .lengthDelimited)
        guard depth + 1 <= options.maxDepth else {
            throw .nestingTooDeep(offset: fieldStart, limit: options.maxDepth)
        }
        let range = try readLengthDelimitedRange()
        // The body reads this same reader, narrowed to the message's bytes and one level deeper: no second
        // reader (and no reference-count traffic on the storage) per embedded message.
        let outerEnd = end
        index = range.lowerBound
        end = range.upperBound
        depth += 1
        defer {
            index = range.upperBound
            end = outerEnd
            depth -= 1
        }
        return try body(&self)
    }
}
