/// Writes the proto3 JSON form of messages (https://protobuf.dev/programming-guides/json/), compactly: commas are
/// placed by the writer, so generated code only says "key", "value", "begin", "end".
public struct ProtoJSONWriter: Sendable {
    /// The UTF-8 text written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false
    private var afterKey = false
    /// A type URL to write as the `"@type"` member of the next object begun (an `Any` holding a message written
    /// with its own fields).
    private var pendingTypeURL: String?
    /// How many objects and arrays are open.
    package private(set) var depth = 0
    /// The options the messages written take (the type registry of `Any`).
    public var options: ProtoJSONOptions

    /// An empty writer.
    public init(options: ProtoJSONOptions = ProtoJSONOptions()) {
        self.options = options
    }

    /// Makes the next object begun start with `"@type": typeURL`: an `Any` writes the message it holds as that
    /// message's own object with this member first (the proto3 JSON mapping of `Any`).
    package mutating func typeURLForNextObject(_ typeURL: String) {
        pendingTypeURL = typeURL
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func raw(_ text: String) {
        beginValue()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    /// `{`.
    public mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        needsComma = false
        if let typeURL = pendingTypeURL {
            pendingTypeURL = nil
            key("@type")
            writeString(typeURL)
        }
    }

    /// `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        depth -= 1
        needsComma = true
    }

    /// `[`.
    public mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        depth += 1
        needsComma = false
    }

    /// `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        depth -= 1
        needsComma = true
    }

    /// A member name; the next value written is its value.
    public mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
        needsComma = false
    }

    /// Text already in JSON form (a nested writer's output).
    public mutating func writeRaw(_ json: [UInt8]) {
        beginValue()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// `null`.
    public mutating func writeNull() { raw("null") }
    /// `true` or `false`.
    public mutating func writeBool(_ value: Bool) { raw(value ? "true" : "false") }
    /// An `int32`, `sint32` or `sfixed32`: a number.
    public mutating func writeInt32(_ value: Int32) { raw(String(value)) }
    /// A `uint32` or `fixed32`: a number.
    public mutating func writeUInt32(_ value: UInt32) { raw(String(value)) }
    /// A 64-bit signed integer: a string, since JSON numbers lose precision beyond 2^53.
    public mutating func writeInt64(_ value: Int64) { raw("\"\(value)\"") }
    /// A 64-bit unsigned integer: a string.
    public mutating func writeUInt64(_ value: UInt64) { raw("\"\(value)\"") }

    /// A `double`: the shortest text that reads back the same value; NaN and infinities as strings.
    public mutating func writeDouble(_ value: Double) {
        if value.isNaN {
            raw("\"NaN\"")
        } else if value.isInfinite {
            raw(value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            raw(value.description)
        }
    }

    /// A `float`: the shortest text that reads back the same 32-bit value.
    public mutating func writeFloat(_ value: Float) {
        if value.isNaN {
            raw("\"NaN\"")
        } else if value.isInfinite {
            raw(value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            raw(value.description)
        }
    }

    /// A string, escaped.
    public mutating func writeString(_ value: String) {
        beginValue()
        appendQuoted(value)
        needsComma = true
    }

    /// `bytes`: standard base64 with padding.
    public mutating func writeBytes(_ value: [UInt8]) { writeString(ProtoBase64.encode(value)) }

    /// An enum value: its `.proto` name, or its number when the enum does not define it.
    public mutating func writeEnum<E: ProtobufEnum>(_ value: E) {
        if let name = value.protoName {
            writeString(name)
        } else {
            raw(String(value.rawValue))
        }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 15)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
