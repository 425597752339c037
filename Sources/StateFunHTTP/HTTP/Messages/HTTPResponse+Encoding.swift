extension HTTPResponse {
    /// The server's own 500 when a responder's response cannot be sent as given.
    static let invalidResponderResponse = HTTPResponse.text(
        500, "the responder produced an invalid response (bad status or header field)")

    /// Whether the status and every header can be put on the wire without breaking the
    /// message framing: a final status code of three digits, field names that are tokens
    /// and values without control characters other than tab (RFC 9110 §5.5). Guards
    /// against response splitting through a value a user controls.
    var isEncodable: Bool {
        guard (200...999).contains(status) else { return false }
        for field in headers.fields {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPGrammar.isTokenByte) else { return false }
            for byte in field.value.utf8 where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                return false
            }
        }
        return true
    }

    /// Whether the responder asked for the connection to be closed.
    var requestsClose: Bool { headers.containsToken("close", in: "Connection") }

    /// Appends the status line and header section (RFC 9112 §4, §5) to `head`.
    ///
    /// The server owns framing: it writes `Content-Length` itself (omitted for 204, RFC 9110
    /// §8.6) and drops the responder's `Content-Length`, `Transfer-Encoding` and
    /// `Connection`, adding `Connection: close` when it will close and
    /// `Connection: keep-alive` for an HTTP/1.0 client it keeps (RFC 9112 §9.3).
    /// Every other field is copied as given. The status line always says HTTP/1.1, which
    /// RFC 9110 §6.2 allows for 1.0 clients too.
    ///
    /// - Returns: whether the body is to be sent (not for HEAD, 204 and 304).
    func encodeHead(into head: inout [UInt8], isHead: Bool, version: HTTPVersion, close: Bool) -> Bool {
        head.append(contentsOf: "HTTP/1.1 ".utf8)
        head.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: status / 100 % 10))
        head.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: status / 10 % 10))
        head.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: status % 10))
        head.append(UInt8(ascii: " "))
        head.append(contentsOf: Self.reasonPhrase(for: status).utf8)
        head.append(contentsOf: "\r\n".utf8)
        for field in headers.fields {
            if HTTPHeaders.namesEqual(field.name, "Content-Length")
                || HTTPHeaders.namesEqual(field.name, "Transfer-Encoding")
                || HTTPHeaders.namesEqual(field.name, "Connection")
            {
                continue
            }
            head.append(contentsOf: field.name.utf8)
            head.append(contentsOf: ": ".utf8)
            head.append(contentsOf: field.value.utf8)
            head.append(contentsOf: "\r\n".utf8)
        }
        if status != 204 {
            head.append(contentsOf: "Content-Length: ".utf8)
            Self.appendDecimal(body.count, to: &head)
            head.append(contentsOf: "\r\n".utf8)
        }
        if close {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version < .http1_1 {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        head.append(contentsOf: "\r\n".utf8)
        return !isHead && status != 204 && status != 304
    }

    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { storage in
            while remaining > 0 && count < storage.count {
                storage[storage.count - 1 - count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
                count += 1
            }
            bytes.append(contentsOf: storage[(storage.count - count)...])
        }
    }
}
