#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An incremental HTTP/1.1 request parser (RFC 9112), a value type with no I/O.
///
/// Feed bytes with ``append(_:)-(Sequence<UInt8>)`` as they arrive and call ``parse()`` until it returns
/// nil ("need more bytes"). Bytes may be split anywhere: feeding a request one byte at a
/// time yields the same result as feeding it at once. Pipelined requests are returned one
/// per call. Every limit of ``HTTPLimits`` is checked before the memory it guards is
/// allocated. After an error the parser stays failed and rethrows it: the framing of the
/// stream is lost, so the connection must be closed.
///
/// Complete field lines are consumed as they arrive, and body bytes are moved into the
/// request's body as they arrive, so the internal buffer holds at most one partial line
/// plus whatever the caller appended beyond the current request.
public struct HTTPParser: Sendable {
    /// The limits this parser enforces.
    public let limits: HTTPLimits

    // Buffer: bytes [readIndex, writeIndex) are unconsumed; [writeIndex, buffer.count) is spare.
    var buffer: [UInt8] = []
    var readIndex = 0
    var writeIndex = 0
    /// Where the search for the next line feed resumes, so no byte is scanned twice.
    var scanIndex = 0

    var state: State = .requestLine
    var emptyLinesSkipped = 0

    // The request being assembled.
    var method = ""
    var target = ""
    var path = ""
    var query: String?
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    var sectionBytes = 0
    var sectionCount = 0
    var body: [UInt8] = []
    var continueState = ContinueState.none

    enum State: Sendable {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParserError)
    }

    enum ContinueState: Sendable {
        case none, expected, sent
    }

    /// At most this many empty lines are ignored before a request line (RFC 9112 §2.2).
    static let maxLeadingEmptyLines = 8

    /// Creates a parser enforcing `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// The number of bytes appended but not yet consumed.
    public var bufferedByteCount: Int { writeIndex - readIndex }

    /// Whether part of a request has been received (buffered bytes, or a request whose head
    /// or body is incomplete), i.e. the connection is not idle between requests.
    public var isMidRequest: Bool {
        if readIndex < writeIndex { return true }
        if case .requestLine = state { return false }
        return true
    }

    /// Whether the request being received asked for `100 Continue` (RFC 9110 §10.1.1) and
    /// no interim response has been sent yet: its head is complete and its body is not.
    /// The server sends `HTTP/1.1 100 Continue` and calls ``markContinueSent()``.
    public var isAwaitingContinue: Bool {
        if case .expected = continueState { return true }
        return false
    }

    /// Records that `100 Continue` was sent for the current request.
    public mutating func markContinueSent() {
        if case .expected = continueState { continueState = .sent }
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        let copied: Void? = bytes.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if copied != nil { return }
        for byte in bytes {
            if writeIndex == buffer.count { reserveSpace(1) }
            buffer[writeIndex] = byte
            writeIndex += 1
        }
    }

    /// Appends received bytes from raw memory.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        reserveSpace(bytes.count)
        buffer.withUnsafeMutableBytes { storage in
            guard let base = storage.baseAddress, let source = bytes.baseAddress else { return }
            memcpy(base + writeIndex, source, bytes.count)
        }
        writeIndex += bytes.count
    }

    /// Lets `read` write directly into spare buffer space of at least `minimumSpace` bytes
    /// (a `recv` into the parser, without an intermediate copy); `read` returns how many
    /// bytes it wrote, or a negative or zero value for none. Returns `read`'s result.
    mutating func appendDirectly(
        minimumSpace: Int, _ read: (UnsafeMutableRawBufferPointer) -> Int
    ) -> Int {
        reserveSpace(minimumSpace)
        let written = buffer.withUnsafeMutableBytes { storage -> Int in
            guard let base = storage.baseAddress else { return 0 }
            return read(UnsafeMutableRawBufferPointer(start: base + writeIndex, count: storage.count - writeIndex))
        }
        if written > 0 { writeIndex += written }
        return written
    }

    /// Ensures `count` bytes of spare space after `writeIndex`, compacting before growing.
    mutating func reserveSpace(_ count: Int) {
        if readIndex == writeIndex {
            readIndex = 0
            writeIndex = 0
            scanIndex = 0
        }
        if buffer.count - writeIndex >= count { return }
        if readIndex > 0 {
            let live = writeIndex - readIndex
            buffer.withUnsafeMutableBytes { storage in
                guard let base = storage.baseAddress else { return }
                memmove(base, base + readIndex, live)
            }
            scanIndex -= readIndex
            writeIndex = live
            readIndex = 0
            if buffer.count - writeIndex >= count { return }
        }
        // Grow by allocating the new size at once and copying only the live bytes.
        let target = max(writeIndex + count, buffer.count * 2, 4096)
        let live = writeIndex
        let old = buffer
        buffer = [UInt8](unsafeUninitializedCapacity: target) { storage, initialized in
            old.withUnsafeBufferPointer { source in
                if let from = source.baseAddress, let to = storage.baseAddress, live > 0 {
                    memcpy(to, from, live)
                }
            }
            // The spare part is written by appends before it is read; zero it anyway so the
            // array never exposes uninitialized memory.
            if let to = storage.baseAddress { memset(to + live, 0, target - live) }
            initialized = target
        }
    }

    /// Parses the next complete request from the buffered bytes.
    ///
    /// - Returns: the request, or nil if more bytes are needed.
    /// - Throws: ``HTTPParserError`` if the bytes cannot be a valid request within the limits;
    ///   every later call rethrows the same error.
    public mutating func parse() throws(HTTPParserError) -> HTTPRequest? {
        if case .failed(let error) = state { throw error }
        do throws(HTTPParserError) {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    // MARK: - State machine

    private mutating func step() throws(HTTPParserError) -> HTTPRequest? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine:
                guard let line = try nextLine(kind: .requestLine) else { return nil }
                if line.isEmpty {
                    // RFC 9112 §2.2: ignore (a few) empty lines before the request line.
                    emptyLinesSkipped += 1
                    if emptyLinesSkipped > Self.maxLeadingEmptyLines { throw .invalidRequestLine }
                    continue
                }
                try parseRequestLine(line)
                sectionBytes = 0
                sectionCount = 0
                state = .headers
            case .headers:
                guard let line = try nextLine(kind: .field) else { return nil }
                if line.isEmpty {
                    if let request = try headersComplete() { return request }
                    continue
                }
                try parseFieldLine(line)
            case .fixedBody(let remaining):
                let take = min(remaining, writeIndex - readIndex)
                if take > 0 {
                    moveToBody(take)
                }
                if remaining - take == 0 { return finishRequest() }
                state = .fixedBody(remaining: remaining - take)
                return nil
            case .chunkSize:
                guard let line = try nextLine(kind: .chunkSize) else { return nil }
                let size = try parseChunkSize(line)
                if size == 0 {
                    sectionBytes = 0
                    sectionCount = 0
                    state = .trailers
                } else {
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, writeIndex - readIndex)
                if take > 0 {
                    moveToBody(take)
                }
                if remaining - take > 0 {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                // RFC 9112 §7.1: chunk-data is followed by CRLF (a bare LF is tolerated, §2.2).
                guard readIndex < writeIndex else { return nil }
                let first = buffer[readIndex]
                if first == UInt8(ascii: "\n") {
                    consume(upTo: readIndex + 1)
                } else if first == UInt8(ascii: "\r") {
                    guard readIndex + 1 < writeIndex else { return nil }
                    guard buffer[readIndex + 1] == UInt8(ascii: "\n") else { throw .invalidChunk }
                    consume(upTo: readIndex + 2)
                } else {
                    throw .invalidChunk
                }
                state = .chunkSize
            case .trailers:
                guard let line = try nextLine(kind: .trailer) else { return nil }
                if line.isEmpty { return finishRequest() }
                // Trailer fields are checked for shape and then ignored (RFC 9112 §7.1.2).
                try validateFieldLine(line)
            }
        }
    }

    private enum LineKind { case requestLine, field, trailer, chunkSize }

    /// The next complete line as a range into `buffer` (without its CRLF or LF), consumed;
    /// or nil if no line feed has arrived yet. Enforces the line's size limit on partial
    /// lines too, so an endless line is rejected as soon as it passes the limit.
    private mutating func nextLine(kind: LineKind) throws(HTTPParserError) -> Range<Int>? {
        let searchStart = max(scanIndex, readIndex)
        let newline: Int? = buffer.withUnsafeBytes { storage -> Int? in
            guard let base = storage.baseAddress, searchStart < writeIndex else { return nil }
            guard let hit = memchr(base + searchStart, Int32(UInt8(ascii: "\n")), writeIndex - searchStart) else {
                return nil
            }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let newline else {
            scanIndex = writeIndex
            var pending = writeIndex - readIndex
            if pending > 0 && buffer[writeIndex - 1] == UInt8(ascii: "\r") { pending -= 1 }
            try checkLineLength(pending, kind: kind, complete: false)
            return nil
        }
        var end = newline
        if end > readIndex && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        try checkLineLength(end - readIndex, kind: kind, complete: true)
        let line = readIndex..<end
        consume(upTo: newline + 1)
        return line
    }

    private mutating func checkLineLength(
        _ length: Int, kind: LineKind, complete: Bool
    ) throws(HTTPParserError) {
        switch kind {
        case .requestLine:
            if length > limits.maxRequestLineBytes { throw .requestLineTooLong }
        case .chunkSize:
            if length > limits.maxRequestLineBytes { throw .invalidChunk }
        case .field, .trailer:
            // Each field line costs its length plus a two-byte line ending; the empty line
            // that ends the section costs nothing.
            if length == 0 && complete { return }
            if sectionBytes + length + 2 > limits.maxHeaderBytes { throw .headersTooLarge }
        }
    }

    private mutating func consume(upTo index: Int) {
        readIndex = index
        if scanIndex < readIndex { scanIndex = readIndex }
    }

    private mutating func moveToBody(_ count: Int) {
        let start = readIndex
        buffer.withUnsafeBytes { storage in
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: storage[start..<(start + count)]))
        }
        consume(upTo: readIndex + count)
    }

    // MARK: - Request line (RFC 9112 §3)

    private mutating func parseRequestLine(_ line: Range<Int>) throws(HTTPParserError) {
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
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(Self.isTokenByte) else { throw .invalidRequestLine }
        // A target has no whitespace or control characters (RFC 9112 §3.2), so a second
        // space inside it means the line is malformed.
        guard !targetBytes.isEmpty else { throw .invalidRequestLine }
        for byte in targetBytes where byte <= 0x20 || byte == 0x7F {
            throw byte == UInt8(ascii: " ") ? .invalidRequestLine : .invalidTarget
        }
        version = try Self.parseVersion(versionBytes)
        method = Self.string(methodBytes)
        target = Self.string(targetBytes)
        try splitTarget(targetBytes)
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). A well-formed version with a
    /// major other than 1 gets 505; anything else is a malformed request line.
    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParserError) -> HTTPVersion {
        // Fast path for the two versions that matter, without allocating.
        if bytes.count == 8 {
            let base = bytes.startIndex
            if bytes[base] == UInt8(ascii: "H") && bytes[base + 1] == UInt8(ascii: "T")
                && bytes[base + 2] == UInt8(ascii: "T") && bytes[base + 3] == UInt8(ascii: "P")
                && bytes[base + 4] == UInt8(ascii: "/") && bytes[base + 5] == UInt8(ascii: "1")
                && bytes[base + 6] == UInt8(ascii: ".")
            {
                if bytes[base + 7] == UInt8(ascii: "1") { return .http1_1 }
                if bytes[base + 7] == UInt8(ascii: "0") { return .http1_0 }
            }
        }
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard bytes.count > prefix.count, bytes.starts(with: prefix) else { throw .invalidRequestLine }
        let rest = bytes.dropFirst(prefix.count)
        let parts = rest.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let majorBytes = parts.first, !majorBytes.isEmpty, majorBytes.count <= 3,
            majorBytes.allSatisfy(isDigit)
        else { throw .invalidRequestLine }
        let major = majorBytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        var minor = 0
        if parts.count == 2 {
            let minorBytes = parts[1]
            guard !minorBytes.isEmpty, minorBytes.count <= 3, minorBytes.allSatisfy(isDigit) else {
                throw .invalidRequestLine
            }
            minor = minorBytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard major == 1, parts.count == 2, majorBytes.count == 1, parts[1].count == 1 else {
            throw .unsupportedVersion
        }
        return HTTPVersion(major: 1, minor: minor)
    }

    /// Splits the target into a percent-decoded path and a raw query (RFC 9112 §3.2).
    private mutating func splitTarget(_ bytes: ArraySlice<UInt8>) throws(HTTPParserError) {
        var pathBytes: ArraySlice<UInt8>
        if bytes.first == UInt8(ascii: "/") {
            pathBytes = bytes  // origin-form
        } else if bytes.count == 1 && bytes.first == UInt8(ascii: "*") {
            path = "*"  // asterisk-form
            query = nil
            return
        } else if let schemeEnd = Self.firstIndex(of: Array("://".utf8), in: bytes),
            schemeEnd > bytes.startIndex,
            bytes[bytes.startIndex..<schemeEnd].allSatisfy(Self.isSchemeByte)
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
            query = Self.string(pathBytes[(mark + 1)...])
            pathBytes = pathBytes[..<mark]
        } else {
            query = nil
        }
        path = try Self.percentDecoded(pathBytes)
    }

    static func percentDecoded(_ bytes: ArraySlice<UInt8>) throws(HTTPParserError) -> String {
        guard bytes.contains(UInt8(ascii: "%")) else { return string(bytes) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else { throw .invalidTarget }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return string(decoded[...])
    }

    // MARK: - Field lines (RFC 9112 §5)

    private mutating func parseFieldLine(_ line: Range<Int>) throws(HTTPParserError) {
        let (name, value) = try splitFieldLine(line)
        headers.add(name: Self.string(buffer[name]), value: Self.string(buffer[value]))
    }

    private mutating func validateFieldLine(_ line: Range<Int>) throws(HTTPParserError) {
        _ = try splitFieldLine(line)
    }

    /// Checks one field line against the count and size budgets and its grammar, and
    /// returns the name and the value with surrounding whitespace removed.
    private mutating func splitFieldLine(_ line: Range<Int>) throws(HTTPParserError) -> (Range<Int>, Range<Int>) {
        if sectionCount >= limits.maxHeaderCount { throw .tooManyHeaders }
        sectionCount += 1
        sectionBytes += line.count + 2
        let first = buffer[line.lowerBound]
        // RFC 9112 §5.2: obsolete line folding may be rejected with 400.
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { throw .invalidHeader }
        guard let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound else {
            throw .invalidHeader
        }
        // RFC 9112 §5.1: no whitespace between name and colon; names are tokens.
        guard buffer[line.lowerBound..<colon].allSatisfy(Self.isTokenByte) else { throw .invalidHeader }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, Self.isWhitespace(buffer[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, Self.isWhitespace(buffer[valueEnd - 1]) { valueEnd -= 1 }
        for byte in buffer[valueStart..<valueEnd] where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            throw .invalidHeader  // NUL, bare CR and other controls (RFC 9110 §5.5)
        }
        return (line.lowerBound..<colon, valueStart..<valueEnd)
    }

    // MARK: - Message body length (RFC 9112 §6)

    private mutating func headersComplete() throws(HTTPParserError) -> HTTPRequest? {
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
    private static func contentLength(_ values: [String]) throws(HTTPParserError) -> Int {
        // Fast path: one field of plain digits.
        if values.count == 1 {
            let digits = values[0].utf8
            if !digits.isEmpty && digits.count <= 18 && digits.allSatisfy(isDigit) {
                return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            }
        }
        var result: Int?
        for value in values {
            for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = element.trimmingWhitespace().utf8
                guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(isDigit) else {
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
    private mutating func parseChunkSize(_ line: Range<Int>) throws(HTTPParserError) -> Int {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound, let digit = Self.hexValue(buffer[index]) {
            size = size &* 16 &+ Int(digit)
            // Reject as soon as the size passes what the body may still hold; this also
            // keeps `size` far from overflowing.
            if size > limits.maxBodyBytes - body.count { throw .bodyTooLarge }
            index += 1
        }
        guard index > line.lowerBound else { throw .invalidChunk }
        while index < line.upperBound, Self.isWhitespace(buffer[index]) { index += 1 }
        if index < line.upperBound {
            guard buffer[index] == UInt8(ascii: ";") else { throw .invalidChunk }
            for byte in buffer[index..<line.upperBound] where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                throw .invalidChunk
            }
        }
        return size
    }

    private mutating func finishRequest() -> HTTPRequest {
        var request = HTTPRequest(
            method: method, target: target, path: path, query: query, version: version)
        swap(&request.headers, &headers)
        swap(&request.body, &body)
        state = .requestLine
        continueState = .none
        emptyLinesSkipped = 0
        query = nil
        return request
    }

    // MARK: - Byte classes

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

