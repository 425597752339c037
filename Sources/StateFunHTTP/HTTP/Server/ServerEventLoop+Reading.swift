/// Reading, parsing and handing requests to the responder.
extension ServerEventLoop {

    func readable(_ connection: ServerConnection) {
        if connection.lingering {
            discardInput(connection)
            return
        }
        if connection.peerClosed { return }
        var outcome = Socket.IOResult.wouldBlock
        _ = connection.parser.appendDirectly(minimumSpace: Self.readChunk) { buffer in
            outcome = connection.socket.receive(into: buffer)
            if case .transferred(let count) = outcome { return count }
            return 0
        }
        switch outcome {
        case .transferred:
            connection.lastActivity = now
            if !connection.inFlight {
                process(connection)
            } else if connection.parser.bufferedByteCount >= Self.pauseThreshold {
                setInterest(connection, connection.interest.subtracting(.read))
            }
        case .wouldBlock:
            return
        case .endOfFile:
            connection.peerClosed = true
            setInterest(connection, connection.interest.subtracting(.read))
            if !connection.inFlight { process(connection) }
        case .failed:
            close(connection)
        }
    }

    /// Charges the connection's body memory up to `needed` bytes against
    /// ``HTTPLimits/maxBufferedBodyBytes``; when the budget is spent, answers 503 (or 413 for
    /// a body larger than the whole budget) and returns false.
    func claimBodyBytes(_ needed: Int, on connection: ServerConnection) -> Bool {
        let more = needed - connection.bodyBytesReserved
        guard more > 0 else { return true }
        if context.reserveBodyBytes(more) {
            connection.bodyBytesReserved = needed
            return true
        }
        if needed > context.configuration.limits.maxBufferedBodyBytes {
            sendError(connection, HTTPResponse.text(413, HTTPParserError.bodyTooLarge.description))
            context.report(.limitHit(status: 413, limit: "max_buffered_body_bytes"))
        } else {
            var response = HTTPResponse.text(503, "server busy: too many request bodies being received; retry")
            response.headers.add(name: "Retry-After", value: "1")
            sendError(connection, response)
            context.report(.limitHit(status: 503, limit: "max_buffered_body_bytes"))
        }
        return false
    }

    /// Parses the next request, if any, and hands it to the responder.
    func process(_ connection: ServerConnection) {
        let request: HTTPRequest?
        do throws(HTTPParserError) {
            request = try connection.parser.parse()
        } catch {
            sendError(connection, HTTPResponse.text(error.status, error.description))
            if let limit = error.limitName { context.report(.limitHit(status: error.status, limit: limit)) }
            return
        }
        if let request {
            guard claimBodyBytes(request.body.count, on: connection) else { return }
            dispatch(request, on: connection)
            return
        }
        // Before the body is read (and before `100 Continue` invites it).
        guard claimBodyBytes(connection.parser.bodyBytesClaimed, on: connection) else { return }
        if connection.parser.isAwaitingContinue {
            // RFC 9110 §10.1.1: the head is acceptable (limits were checked), so invite the body.
            connection.parser.markContinueSent()
            connection.head.append(contentsOf: Self.continueBytes)
            flush(connection)
            guard connections[Int(connection.socket.fd)] === connection else { return }
        }
        if connection.parser.isMidRequest {
            if connection.requestStartedAt == 0 { connection.requestStartedAt = now }
        } else {
            connection.requestStartedAt = 0
        }
        if connection.peerClosed && !connection.hasPendingOutput {
            close(connection)  // nothing more can arrive to complete a request
        } else if draining && connection.isIdle {
            startLingering(connection)
        } else if !connection.peerClosed && !connection.interest.contains(.read) {
            setInterest(connection, connection.interest.union(.read))
        }
    }

    func dispatch(_ request: HTTPRequest, on connection: ServerConnection) {
        connection.inFlight = true
        connection.requestStartedAt = 0
        connection.requestIsHead = request.method == "HEAD"
        connection.requestVersion = request.version
        connection.keepAlive = request.isKeepAlive
        let fd = connection.socket.fd
        let id = connection.id
        let responder = context.responder
        if context.configuration.runsRespondersOnEventLoops {
            Task(executorPreference: self) {
                let response = await responder(request)
                self.post(.response(fd: fd, id: id, response))
            }
        } else {
            Task {
                let response = await responder(request)
                self.post(.response(fd: fd, id: id, response))
            }
        }
    }

    func discardInput(_ connection: ServerConnection) {
        for _ in 0..<4 {
            let outcome = scratch.withUnsafeMutableBytes { connection.socket.receive(into: $0) }
            switch outcome {
            case .transferred: continue
            case .wouldBlock: return
            case .endOfFile, .failed:
                close(connection)
                return
            }
        }
    }
}
