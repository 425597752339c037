/// Size and count limits the server enforces on every request.
///
/// Each limit is checked before the memory it guards is allocated, and each has a
/// boundary that is inclusive: a request exactly at a limit is accepted, one byte
/// (or one field) more is rejected with the status named below, and the connection
/// is closed because its framing can no longer be trusted.
public struct HTTPLimits: Sendable, Hashable {
    /// Longest request line (method, target and version, without its line ending).
    /// Over it: `414 URI Too Long`. Default 8 KiB, which RFC 9112 §3 recommends as a minimum.
    /// It also bounds a chunk-size line (with its chunk extensions); over that: `400`.
    public var maxRequestLineBytes: Int

    /// Largest header section: the sum over all field lines of their length plus two
    /// bytes for the line ending, without the request line and the final empty line.
    /// The same budget applies again, separately, to a chunked body's trailer section.
    /// Over it: `431 Request Header Fields Too Large`. Default 32 KiB.
    public var maxHeaderBytes: Int

    /// Most header fields in one request (and, separately, trailer fields).
    /// Over it: `431 Request Header Fields Too Large`. Default 100.
    public var maxHeaderCount: Int

    /// Largest request body, decoded (for chunked bodies: the sum of the chunk sizes).
    /// Over it: `413 Content Too Large`, decided from `Content-Length` before any of the
    /// body is read, and while reading a chunked body as soon as a chunk size would pass it.
    /// Default 32 MiB, the StateFun runtime's default maximum request payload.
    public var maxBodyBytes: Int

    /// Most connections the server keeps open at once, across all event loops.
    /// A connection accepted beyond it is answered `503 Service Unavailable` (best effort,
    /// without reading its request) and closed. Default 4096, four times the runtime's
    /// default connection pool of 1024.
    public var maxConnections: Int

    /// Request bodies buffered at once across all connections of the server: a body is
    /// charged its whole `Content-Length` when its head arrives (a chunked body, each chunk
    /// as its size line arrives) and released once its response is written. A body that
    /// would pass the budget is answered `503 Service Unavailable` with `Retry-After: 1`,
    /// before any of it is read, and the connection is closed; a body larger than the whole
    /// budget gets `413`. So the memory all bodies take is bounded by this, whatever the
    /// number of connections. Default 256 MiB (eight bodies at the default ``maxBodyBytes``).
    public var maxBufferedBodyBytes: Int

    /// Creates limits; every argument defaults to the value documented on its property.
    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 32 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 32 * 1024 * 1024,
        maxConnections: Int = 4096,
        maxBufferedBodyBytes: Int = 256 * 1024 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
        self.maxBufferedBodyBytes = maxBufferedBodyBytes
    }
}
