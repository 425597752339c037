// The layout the StateFun runtime writes for an invocation, read in one pass over the bytes.
//
// `Invocation{caller=1, argument=2}` as protobuf-java encodes it: fields in number order, each at most once,
// short lengths (one byte), `Address{namespace=1, type=2, id=3}` and `TypedValue{typename=1, has_value=2,
// value=3}` likewise. For such bytes this reader gives exactly the positions the general decoder gives, with a
// fraction of its work; for anything else (another order, a repeated or unknown field, a long length, a byte
// out of place) it gives up and the general decoder reads the invocation, errors included.

extension ReceivedBatch {
    /// The positions of the invocation whose content is `body[range]`, or `nil` when it is not in the runtime's
    /// usual layout (the caller then decodes it field by field).
    static func invocationInUsualLayout(_ range: Range<Int>, in body: [UInt8]) -> InvocationPosition? {
        body.withUnsafeBufferPointer { all -> InvocationPosition? in
            guard let base = all.baseAddress else { return nil }
            var reader = LayoutReader(base: base, position: range.lowerBound, end: range.upperBound)
            var position = InvocationPosition()
            if reader.next(is: 0x0A) {  // caller = 1
                guard let content = reader.lengthDelimited() else { return nil }
                var address = LayoutReader(base: base, position: content.lowerBound, end: content.upperBound)
                guard let namespace = address.optionalString(key: 0x0A), let type = address.optionalString(key: 0x12),
                    let id = address.optionalString(key: 0x1A), address.isAtEnd
                else { return nil }
                position.hasCaller = !(namespace.isEmpty && type.isEmpty && id.isEmpty)
                position.callerNamespace = namespace
                position.callerType = type
                position.callerID = id
            }
            if reader.next(is: 0x12) {  // argument = 2
                guard let content = reader.lengthDelimited() else { return nil }
                var typed = LayoutReader(base: base, position: content.lowerBound, end: content.upperBound)
                guard let typeName = typed.optionalString(key: 0x0A) else { return nil }
                var hasValue = false
                if typed.next(is: 0x10) {  // has_value = 2: one byte, 0 or 1
                    guard let flag = typed.byte(), flag < 2 else { return nil }
                    hasValue = flag == 1
                }
                var value = 0..<0
                if typed.next(is: 0x1A) {  // value = 3
                    guard let bytes = typed.lengthDelimited() else { return nil }
                    value = bytes
                }
                guard typed.isAtEnd else { return nil }
                position.typeName = typeName
                position.commonTypeName = commonTypeName(at: typeName, in: body)
                position.hasValue = hasValue
                position.value = value
            }
            return reader.isAtEnd ? position : nil
        }
    }
}

/// A cursor over bytes known to be inside the request; every read checks the end it was given.
private struct LayoutReader {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int

    var isAtEnd: Bool { position == end }

    /// Consumes `key` if it is the next byte.
    mutating func next(is key: UInt8) -> Bool {
        guard position < end, base[position] == key else { return false }
        position += 1
        return true
    }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return base[position]
    }

    /// A one-byte length and that many bytes.
    mutating func lengthDelimited() -> Range<Int>? {
        guard let length = byte(), length < 0x80, Int(length) <= end - position else { return nil }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// The field `key` as valid UTF-8 if it is next, an empty range if it is absent, `nil` if it is malformed.
    mutating func optionalString(key: UInt8) -> Range<Int>? {
        guard next(is: key) else { return position..<position }
        guard let range = lengthDelimited(),
            UTF8Validation.isValid(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
        else { return nil }
        return range
    }
}
