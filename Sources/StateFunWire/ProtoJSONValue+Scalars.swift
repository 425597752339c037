/// Reading protobuf scalars from JSON values as protobuf's JSON mapping accepts them
/// (https://protobuf.dev/programming-guides/json/): integers as numbers or strings (an integral number written
/// with a fraction or exponent is accepted), floats as numbers or the strings "NaN", "Infinity", "-Infinity",
/// bytes as standard or URL-safe base64 with or without padding.
extension ProtoJSONValue {
    private func fail(_ reason: String) -> WireError { .invalidJSON(offset: 0, reason: reason) }

    /// An integer in `range`, from a number or a string.
    private func integer(_ range: ClosedRange<Double>, type: String) throws(WireError) -> (Int64?, UInt64?) {
        let text: String
        var quoted = false
        switch self {
        case .number(let t): text = t
        case .string(let t):
            text = t
            quoted = true
        default: throw fail("expected \(type), found \(kindName)")
        }
        if let v = Int64(text) { return (v, v >= 0 ? UInt64(v) : nil) }
        if let v = UInt64(text) { return (nil, v) }
        // An integral value written as 1.0 or 1e2 (only as a number: protobuf's parsers reject "1.0" quoted).
        guard !quoted, let d = Double(text), d.isFinite, d.rounded() == d, range.contains(d) else {
            throw fail("\(text) is not a valid \(type)")
        }
        if d < 0 { return (Int64(d), nil) }
        return (d < 9.2e18 ? Int64(d) : nil, UInt64(d))
    }

    /// An `int32`.
    public func int32() throws(WireError) -> Int32 {
        let (signed, _) = try integer(-2_147_483_648...2_147_483_647, type: "int32")
        guard let v = signed, let r = Int32(exactly: v) else { throw fail("value out of range for int32") }
        return r
    }

    /// An `int64`.
    public func int64() throws(WireError) -> Int64 {
        let (signed, _) = try integer(-9.223372036854775808e18...9.223372036854775807e18, type: "int64")
        guard let v = signed else { throw fail("value out of range for int64") }
        return v
    }

    /// A `uint32`.
    public func uint32() throws(WireError) -> UInt32 {
        let (_, unsigned) = try integer(0...4_294_967_295, type: "uint32")
        guard let v = unsigned, let r = UInt32(exactly: v) else { throw fail("value out of range for uint32") }
        return r
    }

    /// A `uint64`.
    public func uint64() throws(WireError) -> UInt64 {
        let (_, unsigned) = try integer(0...1.8446744073709551615e19, type: "uint64")
        guard let v = unsigned else { throw fail("value out of range for uint64") }
        return v
    }

    /// A `double`.
    public func double() throws(WireError) -> Double {
        switch self {
        case .number(let text):
            guard let v = Double(text), v.isFinite else { throw fail("\(text) is out of range for double") }
            return v
        case .string(let text):
            switch text {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                var parser = ProtoJSONParser(Array(text.utf8))
                guard case .number(let n)? = try? parser.parseDocument(), let v = Double(n), v.isFinite else {
                    throw fail("\"\(text)\" is not a number")
                }
                return v
            }
        default: throw fail("expected a number, found \(kindName)")
        }
    }

    /// A `float` (a finite value beyond its range is an error).
    public func float() throws(WireError) -> Float {
        let v = try double()
        guard !v.isFinite || abs(v) <= Double(Float.greatestFiniteMagnitude) else {
            throw fail("value out of range for float")
        }
        return Float(v)
    }

    /// A `bool` (map keys arrive as "true"/"false"; generated code converts them).
    public func bool() throws(WireError) -> Bool {
        guard case .bool(let v) = self else { throw fail("expected true or false, found \(kindName)") }
        return v
    }

    /// A `string`.
    public func string() throws(WireError) -> String {
        guard case .string(let v) = self else { throw fail("expected a string, found \(kindName)") }
        return v
    }

    /// `bytes`, from base64.
    public func bytes() throws(WireError) -> [UInt8] {
        guard case .string(let text) = self else { throw fail("expected a base64 string, found \(kindName)") }
        guard let bytes = ProtoBase64.decode(text) else { throw fail("\"\(text)\" is not valid base64") }
        return bytes
    }

    /// An enum value, by its `.proto` name or by number (numbers an open enum does not define are kept).
    public func enumValue<E: ProtobufEnum>(_ type: E.Type) throws(WireError) -> E {
        switch self {
        case .string(let name):
            guard let value = E(protoName: name) else { throw fail("\"\(name)\" is not a value of the enum") }
            return value
        case .number:
            let number = try int32()
            guard let value = E(rawValue: Int(number)) else { throw fail("\(number) is not a value of the enum") }
            return value
        default:
            throw fail("expected an enum name or number, found \(kindName)")
        }
    }

    /// A map key: JSON object keys are strings; this reads them as the key type does.
    public static func key(_ text: String) -> ProtoJSONValue { .string(text) }

    /// A `bool` map key, "true" or "false".
    public func boolKey() throws(WireError) -> Bool {
        switch self {
        case .string("true"): return true
        case .string("false"): return false
        default: throw fail("expected \"true\" or \"false\" as a map key")
        }
    }
}
