import StateFunHTTP
import Testing

/// Parses everything in `bytes` fed at once, returning the requests or the error.
func parseAll(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> ([HTTPRequest], HTTPParserError?) {
    var parser = HTTPParser(limits: limits)
    parser.append(bytes)
    return drain(&parser)
}

/// Parses `bytes` fed in pieces split at the given offsets.
func parseSplit(_ bytes: [UInt8], at offsets: [Int], limits: HTTPLimits = HTTPLimits()) -> ([HTTPRequest], HTTPParserError?) {
    var parser = HTTPParser(limits: limits)
    var requests: [HTTPRequest] = []
    var start = 0
    for end in offsets + [bytes.count] where end >= start {
        parser.append(bytes[start..<end])
        start = end
        let (more, error) = drain(&parser)
        requests += more
        if let error { return (requests, error) }
    }
    return (requests, nil)
}

private func drain(_ parser: inout HTTPParser) -> ([HTTPRequest], HTTPParserError?) {
    var requests: [HTTPRequest] = []
    do {
        while let request = try parser.parse() { requests.append(request) }
        return (requests, nil)
    } catch {
        return (requests, error)
    }
}

/// A comparable summary of a request.
func summary(_ request: HTTPRequest) -> String {
    let headers = request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    return "\(request.method) \(request.target) \(request.path) \(request.query ?? "-") \(request.version) [\(headers)] \(request.body)"
}

@Suite("Request parser")
struct HTTPParserTests {
    static let tricky: [String] = [
        "POST /statefun HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 5\r\n\r\nhello",
        "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2 ; x\r\nde\r\n0\r\nTrailer-A: 1\r\n\r\n",
        "GET /x?y=1 HTTP/1.1\r\n\r\nGET /z HTTP/1.1\r\n\r\n",
        "\r\nPOST /%2Fstatefun HTTP/1.1\nContent-Length: 2\n\nok",
        "POST /b HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
        "POST http://example.com:8000/p/q?r HTTP/1.1\r\nContent-Length: 1\r\n\r\nz",
        "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\nPOST /d HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz",
    ]

    @Test("splitting a request at every byte offset gives the same result", arguments: tricky)
    func splitAtEveryOffset(_ text: String) async {
        let bytes = Array(text.utf8)
        let (whole, wholeError) = parseAll(bytes)
        #expect(wholeError == nil)
        #expect(!whole.isEmpty)
        let expected = whole.map(summary)
        for offset in 0...bytes.count {
            let (split, error) = parseSplit(bytes, at: [offset])
            #expect(error == nil)
            #expect(split.map(summary) == expected, "split at \(offset)")
            // CPU-bound work: let the socket tests running alongside use the pool too.
            if offset % 8 == 0 { await Task.yield() }
        }
        let (byteByByte, error) = parseSplit(bytes, at: Array(0..<bytes.count))
        #expect(error == nil)
        #expect(byteByByte.map(summary) == expected)
    }

    @Test func parsesAContentLengthRequest() throws {
        let (requests, error) = parseAll(Array(Self.tricky[0].utf8))
        #expect(error == nil)
        let request = try #require(requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/statefun")
        #expect(request.query == nil)
        #expect(request.version == .http1_1)
        #expect(request.headers["content-type"] == "application/octet-stream")
        #expect(request.body == Array("hello".utf8))
        #expect(request.isKeepAlive)
    }

    @Test func decodesChunkedBodiesIgnoringExtensionsAndTrailers() throws {
        let (requests, error) = parseAll(Array(Self.tricky[1].utf8))
        #expect(error == nil)
        let request = try #require(requests.first)
        #expect(request.body == Array("abcde".utf8))
        #expect(request.headers["Trailer-A"] == nil)
    }

    @Test func exposesRawTargetAndPercentDecodedPath() throws {
        let (requests, _) = parseAll(Array(Self.tricky[3].utf8))
        let request = try #require(requests.first)
        #expect(request.target == "/%2Fstatefun")
        #expect(request.path == "//statefun")
        #expect(request.body == Array("ok".utf8))
    }

    @Test func takesThePathOfAnAbsoluteFormTarget() throws {
        let (requests, _) = parseAll(Array(Self.tricky[5].utf8))
        let request = try #require(requests.first)
        #expect(request.path == "/p/q")
        #expect(request.query == "r")
    }

    @Test func http10IsKeepAliveOnlyWhenAsked() throws {
        let (requests, _) = parseAll(Array(Self.tricky[4].utf8))
        #expect(try #require(requests.first).isKeepAlive)
        let (plain, _) = parseAll(Array("GET / HTTP/1.0\r\n\r\n".utf8))
        #expect(try #require(plain.first).isKeepAlive == false)
        let (closing, _) = parseAll(Array("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(try #require(closing.first).isKeepAlive == false)
    }

    @Test func keepsDuplicateHeadersInOrderWithCaseInsensitiveLookup() throws {
        let (requests, _) = parseAll(Array("GET / HTTP/1.1\r\nX-A: 1\r\nx-a:  2 \r\n\r\n".utf8))
        let request = try #require(requests.first)
        #expect(request.headers.values(for: "X-A") == ["1", "2"])
        #expect(request.headers["x-A"] == "1")
    }

    @Test("malformed input is rejected with the right status", arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1 x\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTX/1.1\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET / HTTP/0.9\r\n\r\n", 505),
        ("GET /%zz HTTP/1.1\r\n\r\n", 400),
        ("GET host:80 HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nName : v\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nA: b\u{1}c\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\n\r\n", 411),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF\r\n", 413),
    ])
    func rejectsMalformedInput(_ input: String, status: Int) {
        let (requests, error) = parseAll(Array(input.utf8))
        #expect(requests.isEmpty)
        #expect(error?.status == status, "\(input.debugDescription) -> \(String(describing: error))")
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPParser()
        parser.append(Array("BAD\r\n".utf8))
        #expect(throws: HTTPParserError.invalidRequestLine) { try parser.parse() }
        parser.append(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: HTTPParserError.invalidRequestLine) { try parser.parse() }
    }

    @Test func acceptsGetWithoutFramingAsEmptyBody() throws {
        let (requests, error) = parseAll(Array("GET / HTTP/1.1\r\n\r\nDELETE /x HTTP/1.1\r\n\r\n".utf8))
        #expect(error == nil)
        #expect(requests.map(\.method) == ["GET", "DELETE"])
    }

    @Test func signalsExpectContinueOnlyWhileTheBodyIsOutstanding() throws {
        var parser = HTTPParser()
        parser.append(Array("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(try parser.parse() == nil)
        #expect(parser.isAwaitingContinue)
        parser.markContinueSent()
        #expect(!parser.isAwaitingContinue)
        parser.append(Array("ok".utf8))
        let request = try #require(try parser.parse())
        #expect(request.body == Array("ok".utf8))
        #expect(!parser.isAwaitingContinue)
    }

    @Test func rejectsAnOversizedContentLengthBeforeTheBodyArrives() {
        var parser = HTTPParser(limits: HTTPLimits(maxBodyBytes: 10))
        parser.append(Array("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n".utf8))
        #expect(throws: HTTPParserError.bodyTooLarge) { try parser.parse() }
    }
}

@Suite("Request parser limits")
struct HTTPParserLimitTests {
    /// A request whose request line is exactly `length` bytes long (without CRLF).
    static func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".utf8.count
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    /// A header section of `count` fields totalling exactly `bytes` (each line + CRLF).
    static func headerSection(bytes: Int, count: Int) -> String {
        precondition(bytes >= count * 6)
        var lines: [String] = []
        var remaining = bytes
        for index in 0..<count {
            let name = "X\(index)"
            let lineBytes = index == count - 1 ? remaining : bytes / count
            let valueLength = lineBytes - 2 - name.utf8.count - 2
            lines.append("\(name): " + String(repeating: "v", count: valueLength))
            remaining -= lineBytes
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    @Test func requestLineExactlyAtTheLimitIsAcceptedAndOneMoreIs414() {
        let limits = HTTPLimits(maxRequestLineBytes: 100)
        let atLimit = Self.requestLine(length: 100)
        #expect(atLimit.utf8.count == 100)
        #expect(parseAll(Array((atLimit + "\r\n\r\n").utf8), limits: limits).1 == nil)
        let over = Self.requestLine(length: 101)
        #expect(parseAll(Array((over + "\r\n\r\n").utf8), limits: limits).1 == .requestLineTooLong)
        // Without a line ending, 414 as soon as the line is too long.
        #expect(parseAll(Array(over.utf8), limits: limits).1 == .requestLineTooLong)
        #expect(parseAll(Array(atLimit.utf8), limits: limits).1 == nil)
    }

    @Test func headerBytesExactlyAtTheLimitAreAcceptedAndOneMoreIs431() {
        let limits = HTTPLimits(maxHeaderBytes: 300)
        let atLimit = "GET / HTTP/1.1\r\n" + Self.headerSection(bytes: 300, count: 3) + "\r\n"
        #expect(parseAll(Array(atLimit.utf8), limits: limits).1 == nil)
        let over = "GET / HTTP/1.1\r\n" + Self.headerSection(bytes: 301, count: 3) + "\r\n"
        #expect(parseAll(Array(over.utf8), limits: limits).1 == .headersTooLarge)
    }

    @Test func headerCountExactlyAtTheLimitIsAcceptedAndOneMoreIs431() {
        let limits = HTTPLimits(maxHeaderCount: 5)
        let five = "GET / HTTP/1.1\r\n" + Self.headerSection(bytes: 5 * 10, count: 5) + "\r\n"
        #expect(parseAll(Array(five.utf8), limits: limits).1 == nil)
        let six = "GET / HTTP/1.1\r\n" + Self.headerSection(bytes: 6 * 10, count: 6) + "\r\n"
        #expect(parseAll(Array(six.utf8), limits: limits).1 == .tooManyHeaders)
    }

    @Test func bodyExactlyAtTheLimitIsAcceptedAndOneMoreIs413() {
        let limits = HTTPLimits(maxBodyBytes: 8)
        let eight = "POST / HTTP/1.1\r\nContent-Length: 8\r\n\r\n12345678"
        #expect(parseAll(Array(eight.utf8), limits: limits).0.first?.body.count == 8)
        let nine = "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n123456789"
        #expect(parseAll(Array(nine.utf8), limits: limits).1 == .bodyTooLarge)
        let chunkedEight = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n3\r\n678\r\n0\r\n\r\n"
        #expect(parseAll(Array(chunkedEight.utf8), limits: limits).0.first?.body.count == 8)
        let chunkedNine = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n4\r\n6789\r\n0\r\n\r\n"
        #expect(parseAll(Array(chunkedNine.utf8), limits: limits).1 == .bodyTooLarge)
    }
}
