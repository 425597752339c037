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
/// request's body as they arrive, so the buffer (`HTTPParserBuffer`) holds at most one
/// partial line plus whatever the caller appended beyond the current request. The grammar
/// is split by RFC 9112 section: `HTTPParser+RequestLine.swift` (§3), `+FieldLines` (§5),
/// `+Framing` (§6, §7).
public struct HTTPParser: Sendable {
    /// The limits this parser enforces.
    public let limits: HTTPLimits

    var buffer = HTTPParserBuffer()

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
    public var bufferedByteCount: Int { buffer.count }

    /// Whether part of a request has been received (buffered bytes, or a request whose head
    /// or body is incomplete), i.e. the connection is not idle between requests.
    public var isMidRequest: Bool {
        if !buffer.isEmpty { return true }
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

    /// Body memory the request being received needs: once its head is complete, the whole
    /// declared `Content-Length`; for a chunked body, what arrived so far plus the rest of
    /// the chunk in progress. 0 between requests. The server charges it against
    /// ``HTTPLimits/maxBufferedBodyBytes`` before reading the body.
    package var bodyBytesClaimed: Int {
        switch state {
        case .fixedBody(let remaining), .chunkData(let remaining): body.count + remaining
        case .chunkSize, .chunkDataEnd, .trailers: body.count
        case .requestLine, .headers, .failed: 0
        }
    }

    /// Records that `100 Continue` was sent for the current request.
    public mutating func markContinueSent() {
        if case .expected = continueState { continueState = .sent }
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(bytes)
    }

    /// Appends received bytes from raw memory.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(bytes)
    }

    /// Lets `read` write directly into spare buffer space of at least `minimumSpace` bytes
    /// (a `recv` into the parser, without an intermediate copy); `read` returns how many
    /// bytes it wrote, or a negative or zero value for none. Returns `read`'s result.
    mutating func appendDirectly(minimumSpace: Int, _ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        buffer.appendDirectly(minimumSpace: minimumSpace, read)
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
                let take = min(remaining, buffer.count)
                if take > 0 { buffer.move(take, appendingTo: &body) }
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
                let take = min(remaining, buffer.count)
                if take > 0 { buffer.move(take, appendingTo: &body) }
                if remaining - take > 0 {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                // RFC 9112 §7.1: chunk-data is followed by CRLF (a bare LF is tolerated, §2.2).
                guard let first = buffer.first else { return nil }
                if first == UInt8(ascii: "\n") {
                    buffer.consume(count: 1)
                } else if first == UInt8(ascii: "\r") {
                    guard buffer.count >= 2 else { return nil }
                    guard buffer[buffer.readIndex + 1] == UInt8(ascii: "\n") else { throw .invalidChunk }
                    buffer.consume(count: 2)
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

    enum LineKind { case requestLine, field, trailer, chunkSize }

    /// The next complete line as a range into `buffer` (without its CRLF or LF), consumed;
    /// or nil if no line feed has arrived yet. Enforces the line's size limit on partial
    /// lines too, so an endless line is rejected as soon as it passes the limit.
    private mutating func nextLine(kind: LineKind) throws(HTTPParserError) -> Range<Int>? {
        switch buffer.nextLine() {
        case .incomplete(let pending):
            try checkLineLength(pending, kind: kind, complete: false)
            return nil
        case .line(let line):
            try checkLineLength(line.count, kind: kind, complete: true)
            return line
        }
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

    mutating func finishRequest() -> HTTPRequest {
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
}
