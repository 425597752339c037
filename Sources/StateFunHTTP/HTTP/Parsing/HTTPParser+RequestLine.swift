extension HTTPParser {
    // MARK: - Request line (RFC 9112 §3)

    mutating func parseRequestLine(_ line: Range<Int>) throws(HTTPParserError) {
        let bytes = buffer[line]
        guard let firstSpace = bytes.firstIndex(of: UInt8(ascii: " ")),
            let lastSpace = bytes.lastIndex(of: UInt8(ascii: " ")),
            firstSpace < lastSpace
        else {
            throw .invalidRequestLine
        }
        let methodBytes = buffer[line.lowerBound..<firstSpace]
        let targetBytes = buffer[(firstSpace + 1)..<lastSpace]
        let versionBytes = buffer[(lastSpace + 1)..<line.upperBound]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(HTTPGrammar.isTokenByte) else { throw .invalidRequestLine }
        // A target has no whitespace or control characters (RFC 9112 §3.2), so a second
        // space inside it means the line is malformed.
        guard !targetBytes.isEmpty else { throw .invalidRequestLine }
        for byte in targetBytes where byte <= 0x20 || byte == 0x7F {
            throw byte == UInt8(ascii: " ") ? .invalidRequestLine : .invalidTarget
        }
        version = try Self.parseVersion(versionBytes)
        method = HTTPGrammar.string(methodBytes)
        target = HTTPGrammar.string(targetBytes)
        try splitTarget(targetBytes)
    }

    /// HTTP-version = HTTP-name "/" DIGIT "." DIGIT, HTTP-name = %s"HTTP" (RFC 9112 §2.3):
    /// exactly eight bytes, case-sensitive. Only that shape is a version at all, so
    /// `HTTP/1`, `HTTP/1.10`, `HTTP/11.1` or `http/1.1` make a malformed request line (400);
    /// a well-formed version with a major other than 1 (`HTTP/2.0`, `HTTP/0.9`) gets 505.
    /// Any 1.x minor is served as the highest 1.x this server speaks (RFC 9110 §2.5).
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParserError) -> HTTPVersion {
        guard bytes.count == 8 else { throw .invalidRequestLine }
        let base = bytes.startIndex
        guard bytes[base] == UInt8(ascii: "H") && bytes[base + 1] == UInt8(ascii: "T")
            && bytes[base + 2] == UInt8(ascii: "T") && bytes[base + 3] == UInt8(ascii: "P")
            && bytes[base + 4] == UInt8(ascii: "/") && bytes[base + 6] == UInt8(ascii: ".")
            && HTTPGrammar.isDigit(bytes[base + 5]) && HTTPGrammar.isDigit(bytes[base + 7])
        else { throw .invalidRequestLine }
        guard bytes[base + 5] == UInt8(ascii: "1") else { throw .unsupportedVersion }
        switch bytes[base + 7] {
        case UInt8(ascii: "1"): return .http1_1
        case UInt8(ascii: "0"): return .http1_0
        case let minor: return HTTPVersion(major: 1, minor: Int(minor - UInt8(ascii: "0")))
        }
    }

    /// Splits the target into a percent-decoded path and a raw query (RFC 9112 §3.2).
    mutating func splitTarget(_ bytes: ArraySlice<UInt8>) throws(HTTPParserError) {
        var pathBytes: ArraySlice<UInt8>
        if bytes.first == UInt8(ascii: "/") {
            pathBytes = bytes  // origin-form
        } else if bytes.count == 1 && bytes.first == UInt8(ascii: "*") {
            path = "*"  // asterisk-form
            query = nil
            return
        } else if let schemeEnd = HTTPGrammar.firstIndex(of: Array("://".utf8), in: bytes),
            schemeEnd > bytes.startIndex,
            bytes[bytes.startIndex..<schemeEnd].allSatisfy(HTTPGrammar.isSchemeByte)
        {
            // absolute-form: the path starts at the first "/" after the authority.
            let authorityStart = schemeEnd + 3
            let rest = bytes[authorityStart...]
            if let slash = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) {
                pathBytes = bytes[slash...]
                if pathBytes.first == UInt8(ascii: "?") {
                    pathBytes = [UInt8(ascii: "/")] + pathBytes
                }
            } else {
                pathBytes = [UInt8(ascii: "/")]
            }
        } else {
            throw .invalidTarget  // authority-form (CONNECT) and anything else
        }
        if let mark = pathBytes.firstIndex(of: UInt8(ascii: "?")) {
            query = HTTPGrammar.string(pathBytes[(mark + 1)...])
            pathBytes = pathBytes[..<mark]
        } else {
            query = nil
        }
        path = try Self.percentDecoded(pathBytes)
    }

    static func percentDecoded(_ bytes: ArraySlice<UInt8>) throws(HTTPParserError) -> String {
        guard bytes.contains(UInt8(ascii: "%")) else { return HTTPGrammar.string(bytes) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = HTTPGrammar.hexValue(bytes[index + 1]),
                    let low = HTTPGrammar.hexValue(bytes[index + 2])
                else { throw .invalidTarget }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return HTTPGrammar.string(decoded[...])
    }

}
