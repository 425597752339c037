/// A parsed JSON text, as the proto3 JSON mapping reads it: numbers keep their text (so 64-bit integers are
/// exact), objects keep their members in order.
public enum ProtoJSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written (`-1.5e3`).
    case number(String)
    case string(String)
    case array([ProtoJSONValue])
    case object([ProtoJSONMember])

    /// How deep arrays and objects may nest when parsing (protobuf's JSON parsers use 100).
    public static let maxDepth = 100

    /// Parses `text` (UTF-8, RFC 8259; nothing but whitespace may follow the value).
    public init(parsing text: some Collection<UInt8>) throws(WireError) {
        var parser = ProtoJSONParser(Array(text))
        self = try parser.parseDocument()
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The members of an object; throws when the value is not one (`message` names what was expected).
    public func members(of message: String) throws(WireError) -> [ProtoJSONMember] {
        guard case .object(let members) = self else {
            throw .invalidJSON(offset: 0, reason: "expected a JSON object for \(message), found \(kindName)")
        }
        return members
    }

    /// The elements of an array; throws when the value is not one.
    public func elements() throws(WireError) -> [ProtoJSONValue] {
        guard case .array(let elements) = self else {
            throw .invalidJSON(offset: 0, reason: "expected a JSON array, found \(kindName)")
        }
        return elements
    }

    /// "a string", "an object", ... for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One `"key": value` of a JSON object.
public struct ProtoJSONMember: Sendable, Equatable {
    /// The member's name.
    public var key: String
    /// The member's value.
    public var value: ProtoJSONValue

    /// A member.
    public init(key: String, value: ProtoJSONValue) {
        self.key = key
        self.value = value
    }
}
