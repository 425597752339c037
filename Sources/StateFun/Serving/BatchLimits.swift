/// Limits on one batch the ``RequestReplyHandler`` answers, so that one request cannot take memory without bound
/// (Docs/HTTPServer.md lists them with the HTTP server's own limits).
///
/// ```swift
/// var configuration = ServeConfiguration()
/// configuration.batchLimits.maxInvocations = 50_000   // the endpoint's maxNumBatchRequests is 20,000
/// try await app.serve(configuration)
/// ```
public struct BatchLimits: Sendable, Equatable {
    /// The most invocations one request may carry (default 10,000). A request with more is refused before any
    /// of it is decoded or run: ``StateFunError/tooManyInvocations(limit:)``, which the HTTP endpoint answers
    /// `413`.
    ///
    /// The runtime never sends more than an endpoint's `maxNumBatchRequests` (default 1,000) in one batch, so
    /// the default leaves ten times that room; raise it with the endpoint's setting. Each invocation kept costs
    /// a few dozen bytes whatever its size on the wire (an empty one is two bytes), which is what this bounds.
    public var maxInvocations: Int

    /// The largest answer, in bytes, one batch may produce (default 32 MiB, the runtime's default limit on a
    /// request's payload). A batch whose effects grow past it fails as soon as they do, with
    /// ``StateFunError/responseTooLarge(limit:)`` (the HTTP endpoint answers `500`, and no effect of the batch is
    /// returned), instead of buffering an unbounded answer.
    public var maxResponseBytes: Int

    /// Creates limits; the defaults are those documented on each property.
    public init(maxInvocations: Int = 10_000, maxResponseBytes: Int = 32 << 20) {
        self.maxInvocations = maxInvocations
        self.maxResponseBytes = maxResponseBytes
    }
}
