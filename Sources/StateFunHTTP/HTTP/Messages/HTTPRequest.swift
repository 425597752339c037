/// A complete HTTP request as the server received it, body included.
public struct HTTPRequest: Sendable {
    /// The method token, case-sensitive as received (RFC 9110 §9.1), e.g. `POST`.
    public var method: String

    /// The request target exactly as it appeared in the request line (RFC 9112 §3.2),
    /// still percent-encoded, query included, e.g. `/%2Fstatefun?x=1`.
    public var target: String

    /// The target's path, percent-decoded, without the query.
    ///
    /// For an absolute-form target (`http://host/a`) this is the path part (`/a`), for
    /// the asterisk form it is `*`. OkHttp calling an `http+unix` endpoint sends the
    /// socket-relative path percent-encoded, e.g. `POST /%2Fstatefun`, which decodes to
    /// `//statefun`; compare against ``target`` when the raw form matters.
    public var path: String

    /// The query (without the `?`), still percent-encoded, or nil if the target had none.
    public var query: String?

    /// The protocol version from the request line.
    public var version: HTTPVersion

    /// The header fields in order, duplicates kept.
    public var headers: HTTPHeaders

    /// The body, decoded from `Content-Length` or chunked framing; empty if there was none.
    public var body: [UInt8]

    /// Creates a request; the server creates these, tests and other layers may too.
    public init(
        method: String,
        target: String,
        path: String? = nil,
        query: String? = nil,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.path = path ?? target
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the client asked to keep the connection open after this request:
    /// HTTP/1.1 unless `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`
    /// (RFC 9112 §9.3).
    public var isKeepAlive: Bool {
        if headers.containsToken("close", in: "Connection") { return false }
        if version >= .http1_1 { return true }
        return headers.containsToken("keep-alive", in: "Connection")
    }
}
