/// Everything that can be wrong with protobuf input, one closed set.
///
/// ``truncated(offset:)`` means the bytes ended inside a value: more input might have made it valid. Every other case
/// means the bytes can never be a valid message, whatever follows ("malformed"). ``isTruncation`` tells the two
/// apart. Offsets are byte positions in the buffer given to the outermost ``WireReader``.
public enum WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input ended inside a field key or value.
    case truncated(offset: Int)
    /// A varint ran past the 10 bytes a 64-bit value can take.
    case varintTooLong(offset: Int)
    /// A length prefix points beyond the bytes that are left (or beyond `Int32.max`).
    case lengthOutOfBounds(offset: Int, length: UInt64, remaining: Int)
    /// The key's wire type is 6 or 7, which protobuf does not define.
    case invalidWireType(offset: Int, rawValue: UInt8)
    /// The key's field number is 0 or above 2^29 - 1.
    case invalidFieldNumber(offset: Int, number: UInt64)
    /// A field arrived with a wire type that its declared type can't have (e.g. a string as a varint).
    case wireTypeMismatch(offset: Int, field: UInt32, expected: WireType, actual: WireType)
    /// Embedded messages or groups nest deeper than ``WireReader/Options/maxDepth``.
    case nestingTooDeep(offset: Int, limit: Int)
    /// A `string` field holds bytes that are not UTF-8 (proto3 requires valid UTF-8).
    case invalidUTF8(offset: Int, field: UInt32)
    /// An end-group key without a matching start, or a group closed by a different field number.
    case unbalancedGroup(offset: Int, field: UInt32)
    /// A message-level rule was broken (a required part missing, a value out of range); the text names it.
    case invalidValue(offset: Int, reason: String)
    /// `error` was found in the field `field` of the message `message` (full protobuf names), as generated
    /// decoders report it; nested messages nest the context.
    indirect case inField(message: String, field: String, error: WireError)
    /// Text that is not the proto3 JSON form of the message being read; `offset` counts UTF-8 bytes.
    case invalidJSON(offset: Int, reason: String)

    /// True when the input merely ended too early; false when it is malformed.
    public var isTruncation: Bool {
        switch self {
        case .truncated: true
        case .inField(_, _, let error): error.isTruncation
        default: false
        }
    }

    /// The byte offset the problem was found at.
    public var offset: Int {
        switch self {
        case .truncated(let o), .varintTooLong(let o), .invalidWireType(let o, _), .invalidFieldNumber(let o, _),
            .nestingTooDeep(let o, _), .invalidUTF8(let o, _), .unbalancedGroup(let o, _),
            .invalidValue(let o, _), .invalidJSON(let o, _):
            o
        case .inField(_, _, let error): error.offset
        case .lengthOutOfBounds(let o, _, _): o
        case .wireTypeMismatch(let o, _, _, _): o
        }
    }

    /// A readable form, for logs and error messages.
    public var description: String {
        switch self {
        case .truncated(let o):
            "truncated protobuf: input ends inside a value at byte \(o)"
        case .varintTooLong(let o):
            "malformed protobuf: varint longer than 10 bytes at byte \(o)"
        case .lengthOutOfBounds(let o, let length, let remaining):
            "malformed protobuf: length \(length) at byte \(o) exceeds the \(remaining) bytes left"
        case .invalidWireType(let o, let raw):
            "malformed protobuf: invalid wire type \(raw) at byte \(o)"
        case .invalidFieldNumber(let o, let number):
            "malformed protobuf: invalid field number \(number) at byte \(o)"
        case .wireTypeMismatch(let o, let field, let expected, let actual):
            "malformed protobuf: field \(field) at byte \(o) is \(actual), expected \(expected)"
        case .nestingTooDeep(let o, let limit):
            "malformed protobuf: messages nested deeper than \(limit) levels at byte \(o)"
        case .invalidUTF8(let o, let field):
            "malformed protobuf: string field \(field) at byte \(o) is not valid UTF-8"
        case .unbalancedGroup(let o, let field):
            "malformed protobuf: unbalanced group for field \(field) at byte \(o)"
        case .invalidValue(let o, let reason):
            "malformed protobuf at byte \(o): \(reason)"
        case .inField(let message, let field, let error):
            "\(message).\(field): \(error.description)"
        case .invalidJSON(let o, let reason):
            "invalid protobuf JSON at byte \(o): \(reason)"
        }
    }
}
