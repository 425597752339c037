extension HTTPParser {
    // MARK: - Message body length (RFC 9112 §6)

    mutating func headersComplete() throws(HTTPParserError) -> HTTPRequest? {
        if headers.values(for: "Host").count > 1 { throw .invalidHost }
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

    /// chunk-size [ chunk-ext ] (RFC 9112 §7.1, §7.1.1): hex digits, then optionally
    /// whitespace and `;`-introduced extensions, which are ignored.
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
        while index < line.upperBound, HTTPGrammar.isWhitespace(buffer[index]) { index += 1 }
        if index < line.upperBound {
            guard buffer[index] == UInt8(ascii: ";") else { throw .invalidChunk }
            for byte in buffer[index..<line.upperBound] where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                throw .invalidChunk
            }
        }
        return size
    }
}
