/// What the server reports to its observer (``HTTPServer/init(configuration:events:responder:)``): connections
/// as they open and close, and requests it refuses for breaking a limit. The SDK turns them into its log and
/// metrics; the server itself logs nothing.
///
/// Events are reported on the event-loop thread that saw them, so an observer must be quick and must not block.
public enum HTTPServerEvent: Sendable, Equatable {
    /// A connection was accepted (and counted against ``HTTPLimits/maxConnections``).
    case connectionOpened
    /// A counted connection was closed.
    case connectionClosed
    /// A request or connection was refused with `status` because it broke the limit named `limit`
    /// (`max_connections`, `max_body_bytes`, `max_buffered_body_bytes`, `max_header_bytes`, `max_header_count`,
    /// `max_request_line_bytes`, `read_timeout`).
    case limitHit(status: Int, limit: String)
}

/// Receives the server's events; see ``HTTPServerEvent``.
public typealias HTTPServerObserver = @Sendable (HTTPServerEvent) -> Void

extension HTTPParserError {
    /// The limit this error reports, or nil for a malformed request (which breaks no limit).
    var limitName: String? {
        switch self {
        case .requestLineTooLong: "max_request_line_bytes"
        case .headersTooLarge: "max_header_bytes"
        case .tooManyHeaders: "max_header_count"
        case .bodyTooLarge: "max_body_bytes"
        default: nil
        }
    }
}
