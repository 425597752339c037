/// Size and count limits the built-in HTTP server enforces on every request (Docs/HTTPServer.md, "Limits").
///
/// Each limit is checked before the memory it guards is allocated, and each boundary is inclusive: a request
/// exactly at a limit is accepted, one byte (or one field) more is rejected with the status named below and the
/// connection is closed.
public struct ServerLimits: Sendable, Hashable {
    /// Longest request line (method, target and version, without its line ending); over it: `414 URI Too Long`.
    /// It also bounds a chunk-size line (over that: `400`). Default 8 KiB, RFC 9112 §3's recommended minimum.
    public var maxRequestLineBytes: Int

    /// Largest header section (the field lines with their line endings); the same budget applies again to a
    /// chunked body's trailers. Over it: `431 Request Header Fields Too Large`. Default 32 KiB.
    public var maxHeaderBytes: Int

    /// Most header fields in one request (and, separately, trailer fields); over it: `431`. Default 100.
    public var maxHeaderCount: Int

    /// Largest request body, decoded; over it: `413 Content Too Large`, decided from `Content-Length` before the
    /// body is read. Default 32 MiB, the StateFun runtime's default maximum request payload.
    public var maxBodyBytes: Int

    /// Most connections open at once, across all event loops; one more is answered `503` and closed gracefully
    /// (its input drained, so the close is a FIN, not a reset). Default 4096, four times the runtime's default connection pool.
    public var maxConnections: Int

    /// Request bodies held in memory at once, across all connections. A body is charged its whole
    /// `Content-Length` when its head arrives (a chunked body: each chunk as its size arrives) and released once
    /// its response is written; a body that would pass the budget is answered `503` with `Retry-After: 1` before
    /// any of it is read (one larger than the whole budget: `413`). So bodies take at most this much memory
    /// whatever the number of connections. Default 256 MiB, eight bodies at the default ``maxBodyBytes``.
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
