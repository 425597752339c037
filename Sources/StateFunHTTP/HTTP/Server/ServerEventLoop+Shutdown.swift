/// Deadlines and graceful shutdown.
extension ServerEventLoop {

    func checkDeadlines() {
        resumeAccepting()
        for fd in liveFDs {
            guard let connection = connections[Int(fd)] else { continue }
            if connection.idleDrainDeadline != 0 && connection.isIdle {
                if now >= connection.idleDrainDeadline { startLingering(connection) }
            } else if connection.lingering {
                if now >= connection.lingerDeadline { close(connection) }
            } else if connection.hasPendingOutput {
                // A client that stopped reading our response.
                if now &- connection.lastActivity > context.idleTimeout { close(connection) }
            } else if connection.inFlight {
                continue  // the responder is not timed out by the server
            } else if connection.requestStartedAt != 0 {
                if now &- connection.requestStartedAt > context.readTimeout {
                    sendError(connection, HTTPResponse.text(408, "request not received in time"))
                    context.report(.limitHit(status: 408, limit: "read_timeout"))
                }
            } else if now &- connection.lastActivity > context.idleTimeout {
                // Idle keep-alive connection: closed silently, but gracefully, since a
                // request may be on its way at this very moment.
                startLingering(connection)
            }
        }
    }

    /// Stops accepting and starts the drain (RFC 9112 §9.6 throughout): connections still
    /// in the listen backlog are accepted first (closing the listener would reset them,
    /// and their clients may have sent a request before the signal); every connection with
    /// a request received, in the socket or in the parser, gets its answers, the last one
    /// marked `Connection: close`; idle connections get a short window
    /// (``ServerContext/shutdownIdleWindow``) for a request already on its way, then are
    /// half-closed and drained instead of closed, so their clients see a FIN, never a reset.
    func beginShutdown() {
        if !acceptPaused {
            for listener in listeners { acceptConnections(listener, batch: Int.max) }
        }
        accepting = false
        if !acceptPaused {
            for listener in listeners { queue.remove(listener.socket.fd) }
        }
        listenersReleased.signal()
        draining = true
        for fd in liveFDs {
            guard let connection = connections[Int(fd)], connection.isIdle else { continue }
            // A request may sit in the socket without a readiness event handled yet.
            readable(connection)
            if connections[Int(fd)] === connection && connection.isIdle {
                connection.idleDrainDeadline = now &+ context.shutdownIdleWindow
            }
        }
        if liveFDs.isEmpty { drained.signal() }
    }
}
