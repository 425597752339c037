/// Accepting connections from the shared listening sockets.
extension ServerEventLoop {

    /// Accepts up to `batch` pending connections. While running, a small batch per wake-up:
    /// the listener stays readable (level-triggered) while connections are pending, and
    /// EPOLLEXCLUSIVE hands the next ones to whichever loop is waiting, which spreads a
    /// burst of new connections across the loops. At shutdown, the whole backlog (see
    /// ``beginShutdown()``).
    func acceptConnections(_ listener: (socket: Socket, isTCP: Bool), batch: Int = 4) {
        for _ in 0..<batch {
            guard accepting else { return }
            let socket: Socket
            switch listener.socket.accept() {
            case .accepted(let accepted):
                socket = accepted
            case .nonePending:
                return
            case .exhausted:
                // Out of descriptors: stop watching the listeners until the next deadline
                // check instead of spinning on a readiness we cannot act on. Pending
                // connections wait in the backlog meanwhile.
                pauseAccepting()
                return
            }
            if context.openConnections.add(1, ordering: .relaxed).newValue > context.configuration.limits.maxConnections {
                context.openConnections.subtract(1, ordering: .relaxed)
                reject(socket, isTCP: listener.isTCP)
                context.report(.limitHit(status: 503, limit: "max_connections"))
                continue
            }
            if listener.isTCP { socket.setNoDelay() }
            guard register(socket, isRejected: false) != nil else {
                context.openConnections.subtract(1, ordering: .relaxed)
                continue
            }
            context.report(.connectionOpened)
        }
    }

    /// Watches `socket` as a connection of this loop; nil (the socket closed) if the event
    /// queue refuses it.
    private func register(_ socket: Socket, isRejected: Bool) -> ServerConnection? {
        do {
            try queue.add(socket.fd, token: UInt64(socket.fd), interest: .read, exclusive: false)
        } catch {
            socket.close()
            return nil
        }
        nextID &+= 1
        let connection = ServerConnection(
            socket: socket, id: nextID, limits: context.configuration.limits, now: now)
        connection.isRejected = isRejected
        let fd = Int(socket.fd)
        if fd >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: fd + 1 - connections.count + 64))
        }
        connections[fd] = connection
        liveFDs.insert(socket.fd)
        return connection
    }

    /// Answers a connection over ``HTTPLimits/maxConnections`` with `503` and closes it
    /// gracefully (RFC 9112 §9.6): its client may already have sent a request, which the
    /// server never reads, and closing a socket with unread input sends a reset that can
    /// destroy the 503 before the client reads it. So the connection gets the same lingering
    /// close as any other (FIN after the answer, input discarded for at most the linger
    /// time), held outside `maxConnections` but capped by ``ServerContext/maxRejectedConnections``.
    /// Beyond that cap (a flood of connections), the answer is sent and whatever input has
    /// already arrived is discarded before an immediate close: a FIN unless more input
    /// arrives afterwards.
    private func reject(_ socket: Socket, isTCP: Bool) {
        if context.rejectedConnections.add(1, ordering: .relaxed).newValue <= ServerContext.maxRejectedConnections {
            if isTCP { socket.setNoDelay() }
            if let connection = register(socket, isRejected: true) {
                sendError(connection, Self.overloadedResponse)
                return
            }
        }
        context.rejectedConnections.subtract(1, ordering: .relaxed)
        Self.overloadedBytes.withUnsafeBytes { _ = socket.send($0, UnsafeRawBufferPointer(start: nil, count: 0)) }
        socket.shutdownWrite()
        for _ in 0..<4 {
            guard case .transferred = scratch.withUnsafeMutableBytes({ socket.receive(into: $0) }) else { break }
        }
        socket.close()
    }

    func pauseAccepting() {
        guard !acceptPaused else { return }
        acceptPaused = true
        for listener in listeners { queue.remove(listener.socket.fd) }
    }

    func resumeAccepting() {
        guard acceptPaused, accepting else { return }
        acceptPaused = false
        for (offset, listener) in listeners.enumerated() {
            try? queue.add(
                listener.socket.fd, token: Self.listenerTokenFlag | UInt64(offset), interest: .read, exclusive: true)
        }
    }
}
