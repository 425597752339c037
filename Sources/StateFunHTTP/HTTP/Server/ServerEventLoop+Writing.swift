/// Writing responses, lingering close and closing.
extension ServerEventLoop {

    func respond(_ connection: ServerConnection, with proposed: HTTPResponse) {
        let response = proposed.isEncodable ? proposed : HTTPResponse.invalidResponderResponse
        var close = !connection.keepAlive || response.requestsClose
        if draining && !close {
            // Shutting down: every request already received on this connection is still
            // answered, so only the answer after which nothing more has arrived carries
            // `Connection: close` (RFC 9112 §9.6).
            close = !hasFurtherInput(connection)
        }
        enqueue(response, on: connection, close: close)
    }

    /// Whether bytes of another request have been received on `connection`: buffered in
    /// the parser, or waiting in the socket (one non-blocking read pulls them in).
    private func hasFurtherInput(_ connection: ServerConnection) -> Bool {
        if connection.parser.bufferedByteCount > 0 { return true }
        if connection.peerClosed { return false }
        var outcome = Socket.IOResult.wouldBlock
        _ = connection.parser.appendDirectly(minimumSpace: Self.readChunk) { buffer in
            outcome = connection.socket.receive(into: buffer)
            if case .transferred(let count) = outcome { return count }
            return 0
        }
        switch outcome {
        case .transferred:
            connection.lastActivity = now
            return true
        case .endOfFile:
            connection.peerClosed = true
            setInterest(connection, connection.interest.subtracting(.read))
            return false
        case .wouldBlock, .failed:
            return false
        }
    }

    /// Answers a request the server itself rejects, then closes (the framing is lost).
    func sendError(_ connection: ServerConnection, _ response: HTTPResponse) {
        connection.inFlight = true
        connection.requestIsHead = false
        connection.keepAlive = false
        enqueue(response, on: connection, close: true)
    }

    func enqueue(_ response: HTTPResponse, on connection: ServerConnection, close: Bool) {
        if connection.headSent == connection.head.count {
            connection.head.removeAll(keepingCapacity: true)
            connection.headSent = 0
        }
        let sendBody = response.encodeHead(
            into: &connection.head, isHead: connection.requestIsHead, version: connection.requestVersion,
            close: close)
        connection.body = sendBody ? response.body : []
        connection.bodySent = 0
        connection.closeAfterWrite = close
        connection.outputHasResponse = true
        flush(connection)
    }

    func flush(_ connection: ServerConnection) {
        while connection.hasPendingOutput {
            let headSent = connection.headSent
            let bodySent = connection.bodySent
            let outcome = connection.head.withUnsafeBytes { head in
                connection.body.withUnsafeBytes { body in
                    connection.socket.send(
                        UnsafeRawBufferPointer(rebasing: head[headSent...]),
                        UnsafeRawBufferPointer(rebasing: body[bodySent...]))
                }
            }
            switch outcome {
            case .transferred(let count):
                let headLeft = connection.head.count - headSent
                if count <= headLeft {
                    connection.headSent += count
                } else {
                    connection.headSent = connection.head.count
                    connection.bodySent += count - headLeft
                }
                connection.lastActivity = now
            case .wouldBlock:
                setInterest(connection, connection.interest.union(.write))
                return
            case .endOfFile, .failed:
                close(connection)
                return
            }
        }
        if connection.interest.contains(.write) {
            setInterest(connection, connection.interest.subtracting(.write))
        }
        connection.head.removeAll(keepingCapacity: true)
        connection.headSent = 0
        connection.body = []
        connection.bodySent = 0
        if connection.outputHasResponse {
            connection.outputHasResponse = false
            responseWritten(connection)
        }
    }

    func responseWritten(_ connection: ServerConnection) {
        connection.inFlight = false
        // The request's body is gone with its responder.
        context.releaseBodyBytes(connection.bodyBytesReserved)
        connection.bodyBytesReserved = 0
        connection.lastActivity = now
        if connection.closeAfterWrite {
            startLingering(connection)
            return
        }
        process(connection)
    }

    /// The graceful close of RFC 9112 §9.6, used wherever the server ends a connection the
    /// peer may still be sending on (after a final response, an idle keep-alive connection
    /// at shutdown or at its idle timeout): close our sending side (the peer reads a FIN
    /// after the last response), then read and discard until the peer closes or the linger
    /// time passes, so that unread input does not turn our close into a reset that could
    /// destroy a response in flight.
    func startLingering(_ connection: ServerConnection) {
        if connection.peerClosed {
            close(connection)
            return
        }
        connection.lingering = true
        connection.lingerDeadline = now &+ context.lingerTimeout
        connection.socket.shutdownWrite()
        setInterest(connection, .read)
        discardInput(connection)
    }

    func setInterest(_ connection: ServerConnection, _ interest: IOInterest) {
        guard interest != connection.interest else { return }
        connection.interest = interest
        queue.modify(connection.socket.fd, token: UInt64(connection.socket.fd), interest: interest)
    }

    func close(_ connection: ServerConnection) {
        let fd = connection.socket.fd
        guard Int(fd) < connections.count, connections[Int(fd)] === connection else { return }
        queue.remove(fd)
        connection.socket.close()
        context.releaseBodyBytes(connection.bodyBytesReserved)
        connection.bodyBytesReserved = 0
        connections[Int(fd)] = nil
        liveFDs.remove(fd)
        if connection.isRejected {
            context.rejectedConnections.subtract(1, ordering: .relaxed)
        } else {
            context.openConnections.subtract(1, ordering: .relaxed)
            context.report(.connectionClosed)
        }
        if draining && liveFDs.isEmpty { drained.signal() }
    }
}
