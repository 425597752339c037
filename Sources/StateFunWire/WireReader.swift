/// Reads protobuf wire format from a byte buffer, one field at a time.
///
/// The reader is the decoding half of the codec that the StateFun messages are written on, and it is public so
/// that application messages (the walkthrough's `GreetRequest`, say) can be decoded without swift-protobuf:
///
/// ```swift
/// var reader = WireReader(bytes)
/// while let tag = try reader.nextField() {
///     switch tag.number {
///     case 1: name = try reader.readString(tag)
///     default: try reader.skip(tag)          // unknown fields are skipped, as proto3 requires
///     }
/// }
/// ```
///
/// Every read is bounds-checked: lengths are compared with the bytes left before anything is copied, varints
/// stop at 10 bytes, and embedded messages nest at most ``Options/maxDepth`` levels. Errors are ``WireError``
/// values that keep "input ended early" apart from "input is malformed".
public struct WireReader: Sendable {
    /// Limits applied while reading.
    public struct Options: Sendable {
        /// How deep embedded messages and groups may nest (swift-protobuf and protobuf-java use 100).
        public var maxDepth: Int

        /// Creates options; the default depth is 100.
        public init(maxDepth: Int = 100) {
            self.maxDepth = maxDepth
        }
    }

    /// The input. A slice, so a value inside a request (a message's payload, a state value) is read in place;
    /// offsets are indices of the outermost buffer.
    @usableFromInline let storage: ArraySlice<UInt8>
    @usableFromInline var index: Int
    /// Where the (sub)message being read ends; ``readMessage(_:_:)`` narrows it for the embedded message's body.
    @usableFromInline var end: Int
    @usableFromInline var depth: Int
    @usableFromInline let options: Options
    /// Start of the key of the field returned last by ``nextField()``: the offset errors report.
    @usableFromInline var fieldStart: Int

    /// Creates a reader over all of `bytes`.
    public init(_ bytes: [UInt8], options: Options = Options()) {
        self.init(bytes[...], options: options)
    }

    /// Creates a reader over a slice, without copying it (offsets are the slice's indices).
    @inlinable
    public init(_ bytes: ArraySlice<UInt8>, options: Options = Options()) {
        self.storage = bytes
        self.index = bytes.startIndex
        self.end = bytes.endIndex
        self.depth = 0
        self.options = options
        self.fieldStart = bytes.startIndex
    }

    /// The read position, as an offset into the outermost buffer.
    public var position: Int { index }

    /// True when every byte of this (sub)message has been read.
    public var isAtEnd: Bool { index >= end }

    // MARK: - Keys

    /// Reads the next field key, or returns `nil` at the end of the message.
    ///
    /// An end-group key ends a group being skipped; outside a group it is malformed.
    @inlinable
    public mutating func nextField() throws(WireError) -> FieldTag? {
        guard index < end else { return nil }
        fieldStart = index
        let key = try readVarint()
        let rawType = UInt8(truncatingIfNeeded: key & 7)
        guard let wireType = WireType(rawValue: rawType) else {
            throw .invalidWireType(offset: fieldStart, rawValue: rawType)
        }
        let number = key >> 3
        guard number >= 1, number <= UInt64(FieldTag.maxFieldNumber),
            let tag = FieldTag(number: UInt32(number), wireType: wireType)
        else {
            throw .invalidFieldNumber(offset: fieldStart, number: number)
        }
        return tag
    }

    // MARK: - Raw values

    /// Reads a base-128 varint of up to 10 bytes.
    @inlinable
    public mutating func readVarint() throws(WireError) -> UInt64 {
        // Fast path: one byte (field keys, booleans, small lengths).
        guard index < end else { throw .truncated(offset: index) }
        let first = storage[index]
        if first < 0x80 {
            index += 1
            return UInt64(first)
        }
        let start = index
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw .truncated(offset: index) }
            guard shift < 70 else { throw .varintTooLong(offset: start) }
            let byte = storage[index]
            index += 1
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads four little-endian bytes.
    @inlinable
    public mutating func readRawFixed32() throws(WireError) -> UInt32 {
        guard end - index >= 4 else { throw .truncated(offset: index) }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(storage[index + i]) << (8 * UInt32(i)) }
        index += 4
        return value
    }

    /// Reads eight little-endian bytes.
    @inlinable
    public mutating func readRawFixed64() throws(WireError) -> UInt64 {
        guard end - index >= 8 else { throw .truncated(offset: index) }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(storage[index + i]) << (8 * UInt64(i)) }
        index += 8
        return value
    }

    /// Reads a length prefix and returns the range of bytes it covers, after checking they are there.
    @inlinable
    mutating func readLengthDelimitedRange() throws(WireError) -> Range<Int> {
        let lengthOffset = index
        let length = try readVarint()
        let remaining = end - index
        // protobuf caps lengths at 2 GiB - 1 (swift-protobuf and upb do the same).
        guard length <= UInt64(Int32.max) else {
            throw .lengthOutOfBounds(offset: lengthOffset, length: length, remaining: remaining)
        }
        let count = Int(length)
        guard count <= remaining else {
            if end == storage.endIndex {
                // The prefix is well-formed; the buffer simply ends before the value does.
                throw .truncated(offset: end)
            }
            throw .lengthOutOfBounds(offset: lengthOffset, length: length, remaining: remaining)
        }
        let range = index..<(index + count)
        index += count
        return range
    }

    @inlinable
    func expect(_ tag: FieldTag, _ wireType: WireType) throws(WireError) {
        guard tag.wireType == wireType else {
            throw .wireTypeMismatch(offset: fieldStart, field: tag.number, expected: wireType, actual: tag.wireType)
        }
    }

    // MARK: - Generated code support

    /// Reads the elements of a repeated scalar field that arrived as `tag`: a packed run (one length-delimited
    /// value holding many) or a single element, since protobuf requires decoders to accept both whatever the
    /// schema says. `element` reads one raw value (``readVarint()``, ``readRawFixed32()``, ...) and stores it.
    @inlinable
    public mutating func readRepeated(
        _ tag: FieldTag, _ elementWireType: WireType, _ element: (inout WireReader) throws(WireError) -> Void
    ) throws(WireError) {
        guard tag.wireType == .lengthDelimited, elementWireType != .lengthDelimited else {
            try expect(tag, elementWireType)
            try element(&self)
            return
        }
        let range = try readLengthDelimitedRange()
        let outerEnd = end
        index = range.lowerBound
        end = range.upperBound
        defer {
            index = range.upperBound
            end = outerEnd
        }
        while index < end { try element(&self) }
    }

    /// Skips a field the message does not know and keeps its bytes (key and value) in `fields`.
    @inlinable
    public mutating func readUnknown(_ tag: FieldTag, into fields: inout UnknownFields) throws(WireError) {
        let start = fieldStart
        try skip(tag)
        fields.append(storage[start..<index])
    }

    // MARK: - Skipping

    /// Skips the value of a field this reader's caller does not know (proto3: unknown fields are ignored).
    @inlinable
    public mutating func skip(_ tag: FieldTag) throws(WireError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64:
            guard end - index >= 8 else { throw .truncated(offset: index) }
            index += 8
        case .fixed32:
            guard end - index >= 4 else { throw .truncated(offset: index) }
            index += 4
        case .lengthDelimited: _ = try readLengthDelimitedRange()
        case .startGroup: try skipGroup(tag, depth: depth + 1)
        case .endGroup: throw .unbalancedGroup(offset: fieldStart, field: tag.number)
        }
    }

    @usableFromInline
    mutating func skipGroup(_ start: FieldTag, depth groupDepth: Int) throws(WireError) {
        guard groupDepth <= options.maxDepth else {
            throw .nestingTooDeep(offset: fieldStart, limit: options.maxDepth)
        }
        let groupStart = fieldStart
        while true {
            guard let tag = try nextField() else { throw .truncated(offset: index) }
            switch tag.wireType {
            case .endGroup:
                guard tag.number == start.number else {
                    throw .unbalancedGroup(offset: groupStart, field: start.number)
                }
                return
            case .startGroup:
                try skipGroup(tag, depth: groupDepth + 1)
            default:
                try skip(tag)
            }
        }
    }
}
