/// Parses HTTP/1.1 responses for ``HTTPClient`` (RFC 9112 §4, §6): status line, fields,
/// and a body framed by `Content-Length`, chunked coding, or the end of the connection.
///
/// It re-parses from the start of the buffer on each call, which is simple and cheap for a
/// client that reads a response or two at a time.
struct HTTPResponseParser {
    /// The largest response head accepted.
    static let maxHeadBytes = 64 * 1024

    struct Parsed {
        var response: HTTPResponse
        /// Bytes of the buffer this response occupied.
        var consumed: Int
        var version: HTTPVersion
    }

    /// Parses one response from the front of `buffer`.
    ///
    /// - Parameters:
    ///   - requestWasHead: the response belongs to a HEAD request, so it has no body.
    ///   - atEOF: the peer closed; a body delimited by the close is complete.
    /// - Returns: the response, or nil if more bytes are needed.
    static func parse(
        _ buffer: ArraySlice<UInt8>, requestWasHead: Bool, atEOF: Bool
    ) throws(HTTPClientError) -> Parsed? {
        guard let headEnd = headEnd(in: buffer) else {
            if buffer.count > maxHeadBytes { throw .invalidResponse("response head too large") }
            return nil
        }
        var lines = buffer[buffer.startIndex..<headEnd.contentEnd]
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in line.last == UInt8(ascii: "\r") ? line.dropLast() : line }
        guard !lines.isEmpty else { throw .invalidResponse("empty head") }
        let statusLine = lines.removeFirst()
        let (version, status) = try parseStatusLine(statusLine)
        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw .invalidResponse("malformed header line")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = Substring(String(decoding: line[(colon + 1)...], as: UTF8.self)).trimmingWhitespace()
            headers.add(name: name, value: String(value))
        }
        var response = HTTPResponse(status: status, headers: headers, body: [])
        let bodyStart = headEnd.bodyStart
        let consumedHead = bodyStart - buffer.startIndex
        if (100..<200).contains(status) || status == 204 || status == 304 || requestWasHead {
            return Parsed(response: response, consumed: consumedHead, version: version)
        }
        if headers.containsToken("chunked", in: "Transfer-Encoding") {
            guard let (body, end) = try decodeChunked(buffer[bodyStart...]) else { return nil }
            response.body = body
            return Parsed(response: response, consumed: end - buffer.startIndex, version: version)
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText), length >= 0 else {
                throw .invalidResponse("invalid Content-Length")
            }
            guard buffer.endIndex - bodyStart >= length else { return nil }
            response.body = Array(buffer[bodyStart..<(bodyStart + length)])
            return Parsed(response: response, consumed: consumedHead + length, version: version)
        }
        // No framing: the body ends with the connection (RFC 9112 §6.3 rule 8).
        guard atEOF else { return nil }
        response.body = Array(buffer[bodyStart...])
        return Parsed(response: response, consumed: buffer.count, version: version)
    }

    private static func headEnd(in buffer: ArraySlice<UInt8>) -> (contentEnd: Int, bodyStart: Int)? {
        var index = buffer.startIndex
        while index < buffer.endIndex {
            if buffer[index] == UInt8(ascii: "\n") {
                let next = index + 1
                if next < buffer.endIndex && buffer[next] == UInt8(ascii: "\n") {
                    return (index, next + 1)
                }
                if next + 1 < buffer.endIndex && buffer[next] == UInt8(ascii: "\r")
                    && buffer[next + 1] == UInt8(ascii: "\n")
                {
                    return (index, next + 2)
                }
            }
            index += 1
        }
        return nil
    }

    private static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPClientError) -> (HTTPVersion, Int) {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let minor = Int(parts[0].dropFirst(7)),
            parts[1].count == 3, let status = Int(parts[1])
        else {
            throw .invalidResponse("malformed status line: \(text.prefix(80))")
        }
        return (HTTPVersion(major: 1, minor: minor), status)
    }

    /// Decodes a chunked body; returns the body and the index after the trailer section,
    /// or nil if incomplete.
    private static func decodeChunked(_ bytes: ArraySlice<UInt8>) throws(HTTPClientError) -> ([UInt8], Int)? {
        var body: [UInt8] = []
        var index = bytes.startIndex
        func line() -> ArraySlice<UInt8>? {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var content = bytes[index..<newline]
            if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
            index = newline + 1
            return content
        }
        while true {
            guard let sizeLine = line() else { return nil }
            let digits = sizeLine.prefix { HTTPGrammar.hexValue($0) != nil }
            guard !digits.isEmpty, digits.count <= 15 else { throw .invalidResponse("bad chunk size") }
            let size = digits.reduce(0) { $0 * 16 + Int(HTTPGrammar.hexValue($1) ?? 0) }
            if size == 0 {
                while true {
                    guard let trailer = line() else { return nil }
                    if trailer.isEmpty { return (body, index) }
                }
            }
            guard bytes.endIndex - index >= size else { return nil }
            body.append(contentsOf: bytes[index..<(index + size)])
            index += size
            guard let end = line() else { return nil }
            guard end.isEmpty else { throw .invalidResponse("missing CRLF after chunk") }
        }
    }
}
