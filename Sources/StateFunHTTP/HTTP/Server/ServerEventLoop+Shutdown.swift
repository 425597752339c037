/// Deadlines and graceful shutdown.
extension ServerEventLoop {

    func checkDeadlines() {
        resumeAccepting()
        for fd in liveFDs {
            guard let connection = connections[Int(fd)] else { continue }
            if connection.lingering {
                if now >= connection.lingerDeadline { close(connection) }
            } else if connection.hasPendingOutput {
                // A client that stopped reading our response.
                if now &- connection.lastActivity > context.idleTimeout { close(connection) }
            } else if connection.inFlight {
                continue  // the responder is not timed out by the server
            } else if connection.requestStartedAt != 0 {
                if now &- connection.requestStartedAt > context.readTimeout {
                    sendError(connection, HTTPResponse.text(408, "request not received in time"))
                }
            } else if now &- connection.lastActivity > context.idleTimeout {
                close(connection)  // idle keep-alive connection: closed silently
            }
        }
    }

    func beginShutdown() {
        accepting = false
        if !acceptPaused {
            for listener in listeners { queue.remove(listener.socket.fd) }
        }
        listenersReleased.signal()
        draining = true
        for fd in liveFDs {
            if let connection = connections[Int(fd)], connection.isIdle { close(connection) }
        }
        if liveFDs.isEmpty { drained.signal() }
    }
}
