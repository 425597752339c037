/// proto2 `[default = ...]` values: checked against the field's type, and rendered as Swift literals.
package enum ProtoDefaults {
    /// A problem with the default for `type`, or nil when it is valid.
    static func check(_ option: ProtoOption, type: ProtoFieldType, enumValues: [String]) -> String? {
        switch type {
        case .scalar(let scalar):
            switch scalar {
            case .string, .bytes:
                return option.bytes == nil ? "expected a string for the default of a \(scalar.rawValue) field" : nil
            case .bool:
                return option.text == "true" || option.text == "false" ? nil : "expected \"true\" or \"false\""
            case .float, .double:
                if ["inf", "-inf", "nan", "-nan"].contains(option.text) { return nil }
                return Double(option.text) == nil && integer(option.text) == nil ? "expected a number" : nil
            case .int32, .sint32, .sfixed32:
                guard let v = integer(option.text), v >= Int64(Int32.min), v <= Int64(Int32.max) else { return "integer out of range for \(scalar.rawValue)" }
                return nil
            case .int64, .sint64, .sfixed64:
                return integer(option.text) == nil ? "integer out of range for \(scalar.rawValue)" : nil
            case .uint32, .fixed32:
                guard let v = unsigned(option.text), v <= UInt64(UInt32.max) else { return "integer out of range for \(scalar.rawValue)" }
                return nil
            case .uint64, .fixed64:
                return unsigned(option.text) == nil ? "integer out of range for \(scalar.rawValue)" : nil
            }
        case .enumeration:
            return enumValues.contains(option.text) ? nil : "\"\(option.text)\" is not a value of the field's enum"
        default:
            return nil
        }
    }

    static func integer(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        guard let magnitude = ProtoParser.parseInteger(negative ? String(text.dropFirst()) : text) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    static func unsigned(_ text: String) -> UInt64? {
        text.hasPrefix("-") ? nil : ProtoParser.parseInteger(text)
    }

    /// The Swift literal for a valid default.
    static func swiftLiteral(_ option: ProtoOption, scalar: ProtoScalar) -> String {
        switch scalar {
        case .string: return swiftStringLiteral(option.bytes ?? [])
        case .bytes: return "[" + (option.bytes ?? []).map { String($0) }.joined(separator: ", ") + "]"
        case .bool: return option.text
        case .float, .double:
            let type = scalar == .float ? "Float" : "Double"
            switch option.text {
            case "inf": return "\(type).infinity"
            case "-inf": return "-\(type).infinity"
            case "nan", "-nan": return "\(type).nan"
            default:
                if let v = integer(option.text) { return "\(v)" }
                return option.text.hasPrefix(".") ? "0" + option.text : option.text.replacingDotMinus()
            }
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64:
            let v = integer(option.text) ?? 0
            if v == Int64.min { return "Int64.min" }
            return "\(v)"
        case .uint32, .fixed32, .uint64, .fixed64:
            return "\(unsigned(option.text) ?? 0)"
        }
    }

    /// A Swift string literal for UTF-8 bytes (invalid sequences are replaced, as a Swift `String` would).
    package static func swiftStringLiteral(_ bytes: [UInt8]) -> String {
        var out = "\""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    package static func swiftStringLiteral(_ text: String) -> String { swiftStringLiteral(Array(text.utf8)) }
}

extension String {
    /// `-.5` as `-0.5`: Swift needs a digit before the point.
    fileprivate func replacingDotMinus() -> String {
        hasPrefix("-.") ? "-0" + dropFirst() : self
    }
}
