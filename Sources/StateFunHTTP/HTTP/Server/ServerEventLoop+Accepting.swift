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
                Self.overloadedBytes.withUnsafeBytes { _ = socket.send($0, UnsafeRawBufferPointer(start: nil, count: 0)) }
                socket.close()
                continue
            }
            if listener.isTCP { socket.setNoDelay() }
            do {
                try queue.add(socket.fd, token: UInt64(socket.fd), interest: .read, exclusive: false)
            } catch {
                socket.close()
                context.openConnections.subtract(1, ordering: .relaxed)
                continue
            }
            nextID &+= 1
            let connection = ServerConnection(
                socket: socket, id: nextID, limits: context.configuration.limits, now: now)
            let fd = Int(socket.fd)
            if fd >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: fd + 1 - connections.count + 64))
            }
            connections[fd] = connection
            liveFDs.insert(socket.fd)
        }
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
