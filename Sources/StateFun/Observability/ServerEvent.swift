/// An event of the built-in HTTP server (`serve`, ``App/serve(_:)``, `dev`).
public enum ServerEvent: Sendable {
    /// The server listens: where, with which protocol, for which functions, under which limits
    /// (name and value, e.g. `max_body_bytes`, `4194304`).
    case started(addresses: [String], protocolVersion: ProtocolVersion?, functions: [TypeName],
        limits: [(name: String, value: String)])
    /// A request was refused because it broke a limit: the status (413, 431, 408, 503), the limit's name and
    /// the peer when known.
    case limitHit(status: Int, limit: String, peer: String?)
    /// A connection was accepted.
    case connectionOpened
    /// A connection was closed.
    case connectionClosed
    /// The server stopped: how long it ran, how many batches it answered and how many failed.
    case stopped(uptime: Duration, batches: Int, failedBatches: Int)
}
