/// A JSON value with ordered object keys, for the development server's answers and its console lines.
///
/// Numbers keep their kind (integers print exactly, floating-point values print with Swift's shortest
/// round-tripping form; NaN and infinities, which JSON cannot express, become strings).
package enum DevJSON: Sendable, Equatable {
    case object([DevJSONMember])
    case array([DevJSON])
    case string(String)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case bool(Bool)
    case null

    /// An object from `key: value` pairs, in order.
    package static func object(_ members: KeyValuePairs<String, DevJSON>) -> DevJSON {
        .object(members.map { DevJSONMember(key: $0.key, value: $0.value) })
    }

    /// Two-space indentation, one member per line, and a final line break: what `curl` shows.
    package func pretty() -> String {
        var out = ""
        write(into: &out, indent: 0, pretty: true)
        return out + "\n"
    }

    /// One line without spaces: for the console.
    package func compact() -> String {
        var out = ""
        write(into: &out, indent: 0, pretty: false)
        return out
    }

    private func write(into out: inout String, indent: Int, pretty: Bool) {
        let pad = pretty ? String(repeating: " ", count: indent + 2) : ""
        let newline = pretty ? "\n" : ""
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{" + newline
            for (index, member) in members.enumerated() {
                out += pad + Self.quoted(member.key) + (pretty ? ": " : ":")
                member.value.write(into: &out, indent: indent + 2, pretty: pretty)
                out += (index + 1 < members.count ? "," : "") + newline
            }
            out += (pretty ? String(repeating: " ", count: indent) : "") + "}"
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 2, pretty: pretty)
                out += (index + 1 < items.count ? "," : "") + newline
            }
            out += (pretty ? String(repeating: " ", count: indent) : "") + "]"
        case .string(let text): out += Self.quoted(text)
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .double(let value):
            if value.isFinite {
                out += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
            } else {
                out += Self.quoted("\(value)")
            }
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// RFC 8259 §7: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes.
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// One `"key": value` member of a ``DevJSON`` object.
package struct DevJSONMember: Sendable, Equatable {
    package var key: String
    package var value: DevJSON

    package init(key: String, value: DevJSON) {
        self.key = key
        self.value = value
    }
}
