/// One accepted connection's state. Owned by exactly one event loop and touched only on
/// its thread, so it needs no locks.
final class ServerConnection {
    let socket: Socket
    /// Distinguishes this connection from a later one that reuses the descriptor, so a
    /// late response for a closed connection is dropped instead of misdelivered.
    let id: UInt64
    var parser: HTTPParser

    /// A request was handed to the responder and its response is not yet fully written;
    /// while set, no further pipelined request is parsed (responses stay in order).
    var inFlight = false
    var requestIsHead = false
    var requestVersion = HTTPVersion.http1_1
    var keepAlive = true
    /// The peer closed its sending side (read returned 0).
    var peerClosed = false
    /// After the final response: our side is shut down, input is discarded until the peer
    /// closes or `lingerDeadline` passes (RFC 9112 §9.6), so a reset cannot destroy the
    /// response before the client read it.
    var lingering = false
    var lingerDeadline: UInt64 = 0
    var closeAfterWrite = false
    /// Accepted over ``HTTPLimits/maxConnections`` only to be answered `503` and closed
    /// gracefully: counted in ``ServerContext/rejectedConnections``, not in the open ones.
    var isRejected = false
    /// Body bytes this connection has charged against the server's budget.
    var bodyBytesReserved = 0
    /// Shutting down, this connection was idle: if no request arrives by then, it starts its
    /// lingering close (0: no such deadline).
    var idleDrainDeadline: UInt64 = 0
    /// When the first byte of the request being received was seen; 0 between requests.
    var requestStartedAt: UInt64 = 0
    /// The last time bytes moved in either direction.
    var lastActivity: UInt64
    var interest: IOInterest = .read

    // Output: a response head (plus any interim response before it) and a body, written
    // together with one gathering send; kept here across partial writes.
    var head: [UInt8] = []
    var headSent = 0
    var body: [UInt8] = []
    var bodySent = 0
    /// Whether the pending output ends with the final response to the in-flight request.
    var outputHasResponse = false

    init(socket: Socket, id: UInt64, limits: HTTPLimits, now: UInt64) {
        self.socket = socket
        self.id = id
        self.parser = HTTPParser(limits: limits)
        self.lastActivity = now
        head.reserveCapacity(256)
    }

    var hasPendingOutput: Bool { headSent < head.count || bodySent < body.count }

    /// No request is being received, processed or answered: safe to close on shutdown.
    var isIdle: Bool { !inFlight && !lingering && !hasPendingOutput && !parser.isMidRequest }
}
