/// Byte classes of HTTP's grammar (RFC 9110 §5.6, RFC 9112), shared by the request parser,
/// the response parser and the response encoder.
enum HTTPGrammar {

    /// tchar (RFC 9110 §5.6.2).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    /// HTAB, SP, VCHAR or obs-text (RFC 9110 §5.5, §5.6.4): what a field value or a quoted
    /// string may hold, i.e. anything but the other controls and DEL.
    static func isFieldVisibleOrBlank(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// unreserved / sub-delims (RFC 3986 §2.2, §2.3): the bytes a reg-name holds besides
    /// percent-encodings.
    static func isRegNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            true
        default:
            false
        }
    }

    /// Host = uri-host [ ":" port ] (RFC 9112 §3.2, RFC 3986 §3.2.2-3.2.3): an IP-literal in
    /// brackets (IPv6 or IPvFuture characters), or a reg-name (which covers IPv4 addresses
    /// and may be empty) of unreserved, sub-delims and `%XX`; then optionally `:` and digits.
    static func isValidHost(_ value: some Collection<UInt8>) -> Bool {
        var bytes = value[...]
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[bytes.index(after: bytes.startIndex)..<close]
            guard !literal.isEmpty,
                literal.allSatisfy({ isRegNameByte($0) || $0 == UInt8(ascii: ":") })
            else { return false }
            bytes = bytes[bytes.index(after: close)...]
        } else {
            let hostEnd = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
            var index = bytes.startIndex
            while index < hostEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: "%") {
                    let high = bytes.index(after: index)
                    guard high < hostEnd, hexValue(bytes[high]) != nil else { return false }
                    let low = bytes.index(after: high)
                    guard low < hostEnd, hexValue(bytes[low]) != nil else { return false }
                    index = bytes.index(after: low)
                } else {
                    guard isRegNameByte(byte) else { return false }
                    index = bytes.index(after: index)
                }
            }
            bytes = bytes[hostEnd...]
        }
        guard let colon = bytes.first else { return true }
        return colon == UInt8(ascii: ":") && bytes.dropFirst().allSatisfy(isDigit)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
