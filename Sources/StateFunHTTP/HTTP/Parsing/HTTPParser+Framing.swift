extension HTTPParser {
    // MARK: - Message body length (RFC 9112 §6)

    mutating func headersComplete() throws(HTTPParserError) -> HTTPRequest? {
        // RFC 9112 §3.2: one Host field, with a valid value (a missing Host in an HTTP/1.1
        // request is tolerated: the server serves one authority whatever the client names).
        let hosts = headers.values(for: "Host")
        if hosts.count > 1 { throw .invalidHost }
        if let host = hosts.first, !HTTPGrammar.isValidHost(host.utf8) { throw .invalidHost }
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        var hasBody = false
        if !transferEncodings.isEmpty {
            // §6.1: a request with both is treated as an error (smuggling defence);
            // an HTTP/1.0 message with Transfer-Encoding has faulty framing.
            if !contentLengths.isEmpty { throw .conflictingFraming }
            if version < .http1_1 { throw .invalidTransferEncoding }
            var codings: [Substring] = []
            for value in transferEncodings {
                for element in value.split(separator: ",") {
                    let coding = element.trimmingWhitespace()
                    if !coding.isEmpty { codings.append(coding) }
                }
            }
            guard let last = codings.last, HTTPHeaders.namesEqual(String(last), "chunked") else {
                throw .invalidTransferEncoding
            }
            guard codings.count == 1 else { throw .unsupportedTransferCoding }
            body = []
            state = .chunkSize
            hasBody = true
        } else if !contentLengths.isEmpty {
            let length = try Self.contentLength(contentLengths)
            if length > limits.maxBodyBytes { throw .bodyTooLarge }
            if length == 0 { return finishRequest() }
            body = []
            // Reserve what the client announced only up to 1 MiB: a peer could otherwise make
            // every connection allocate the maximum by sending just a header.
            body.reserveCapacity(min(length, 1 << 20))
            state = .fixedBody(remaining: length)
            hasBody = true
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            // §6.3 would let us assume length 0; the runtime always frames its bodies, so a
            // POST without framing is a broken client and 411 tells it so.
            throw .lengthRequired
        } else {
            return finishRequest()
        }
        if hasBody, version >= .http1_1, headers.containsToken("100-continue", in: "Expect") {
            continueState = .expected
        }
        return nil
    }

    /// Content-Length = 1*DIGIT; repeated values (in several fields or a list) must agree.
    static func contentLength(_ values: [String]) throws(HTTPParserError) -> Int {
        // Fast path: one field of plain digits.
        if values.count == 1 {
            let digits = values[0].utf8
            if !digits.isEmpty && digits.count <= 18 && digits.allSatisfy(HTTPGrammar.isDigit) {
                return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            }
        }
        var result: Int?
        for value in values {
            for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = element.trimmingWhitespace().utf8
                guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(HTTPGrammar.isDigit) else {
                    throw .invalidContentLength
                }
                let length = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                if let result, result != length { throw .invalidContentLength }
                result = length
            }
        }
        guard let result else { throw .invalidContentLength }
        return result
    }

    /// chunk = chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1): hex digits, then extensions,
    /// which are checked against §7.1.1's grammar and ignored:
    ///
    ///     chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
    ///     chunk-ext-name = token
    ///     chunk-ext-val  = token / quoted-string
    ///
    /// So `5;`, `5;a b`, `5;a=`, `5;a=b c` or `5 ` (whitespace that introduces nothing) are
    /// broken framing (400).
    mutating func parseChunkSize(_ line: Range<Int>) throws(HTTPParserError) -> Int {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound, let digit = HTTPGrammar.hexValue(buffer[index]) {
            size = size &* 16 &+ Int(digit)
            // Reject as soon as the size passes what the body may still hold; this also
            // keeps `size` far from overflowing.
            if size > limits.maxBodyBytes - body.count { throw .bodyTooLarge }
            index += 1
        }
        guard index > line.lowerBound else { throw .invalidChunk }
        let end = line.upperBound
        func skipWhitespace(_ index: inout Int) {
            while index < end, HTTPGrammar.isWhitespace(buffer[index]) { index += 1 }
        }
        func token(_ index: inout Int) throws(HTTPParserError) {
            let start = index
            while index < end, HTTPGrammar.isTokenByte(buffer[index]) { index += 1 }
            if index == start { throw .invalidChunk }
        }
        while index < end {
            skipWhitespace(&index)
            guard index < end, buffer[index] == UInt8(ascii: ";") else { throw .invalidChunk }
            index += 1
            skipWhitespace(&index)
            try token(&index)
            let afterName = index
            skipWhitespace(&index)
            guard index < end, buffer[index] == UInt8(ascii: "=") else {
                index = afterName  // the next extension, or the end, must follow
                continue
            }
            index += 1
            skipWhitespace(&index)
            if index < end, buffer[index] == UInt8(ascii: "\"") {
                index = try Self.endOfQuotedString(buffer, from: index, to: end)
            } else {
                try token(&index)
            }
        }
        return size
    }

    /// quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4), starting at
    /// the opening quote at `start`; returns the index after the closing quote.
    static func endOfQuotedString(
        _ buffer: HTTPParserBuffer, from start: Int, to end: Int
    ) throws(HTTPParserError) -> Int {
        var index = start + 1
        while index < end {
            let byte = buffer[index]
            switch byte {
            case UInt8(ascii: "\""):
                return index + 1
            case UInt8(ascii: "\\"):
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                guard index + 1 < end, HTTPGrammar.isFieldVisibleOrBlank(buffer[index + 1]) else {
                    throw .invalidChunk
                }
                index += 2
            default:
                // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
                guard HTTPGrammar.isFieldVisibleOrBlank(byte) else { throw .invalidChunk }
                index += 1
            }
        }
        throw .invalidChunk  // no closing quote
    }
}
