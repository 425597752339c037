import Synchronization

/// One event-loop thread of an ``HTTPServer``.
///
/// The loop owns its connections outright: it accepts them (several loops share each
/// listening socket; EPOLLEXCLUSIVE wakes one), reads and parses on its own thread, hands
/// each complete request to the responder in a `Task` on the cooperative pool, and writes
/// the response when the task posts it back through the inbox (a lock-protected queue plus
/// an eventfd wake-up). Nothing else touches a connection, so the hot path takes no lock
/// except the inbox's, once per response.
final class ServerEventLoop: @unchecked Sendable {
    // @unchecked: everything below the inbox is confined to the loop thread; the inbox and
    // the signals are thread-safe themselves, the rest is immutable.

    enum Message: Sendable {
        /// A responder finished: write `response` on connection `fd` if it is still `id`.
        case response(fd: Int32, id: UInt64, HTTPResponse)
        /// Stop accepting, close idle connections, answer the rest with `Connection: close`.
        case beginShutdown
        /// Close everything and end the thread.
        case stop
        /// A job of a task that prefers this loop as its executor (see
        /// ``HTTPServerConfiguration/runsRespondersOnEventLoops``).
        case job(UnownedJob)
    }

    let index: Int
    let queue: SystemEventQueue
    let context: ServerContext
    /// Fired once this loop no longer watches the listening sockets.
    let listenersReleased = AsyncSignal()
    /// Fired once this loop, shutting down, has no connection left.
    let drained = AsyncSignal()
    /// Fired when the thread has closed everything and is about to end.
    let stopped = AsyncSignal()

    private struct Inbox {
        var messages: [Message] = []
        /// Set once the loop has ended; its event queue (and eventfd) is closed then, so a
        /// late response must not wake it (the descriptor number may already be reused).
        var closed = false
    }

    private let inbox = Mutex(Inbox())
    private let wakePending = Atomic<Bool>(false)

    // Loop-thread state.
    private var spareInbox: [Message] = []
    private var connections: [ServerConnection?] = []
    private var liveFDs: Set<Int32> = []
    private let listeners: [(socket: Socket, isTCP: Bool)]
    private var accepting = true
    private var acceptPaused = false
    private var draining = false
    private var running = true
    private var nextID: UInt64 = 0
    private var now: UInt64 = 0
    private var nextTick: UInt64 = 0
    private var scratch = [UInt8](repeating: 0, count: 16 * 1024)

    private static let listenerTokenFlag: UInt64 = 1 << 32
    private static let readChunk = 16 * 1024
    /// Input buffered beyond an in-flight request before reading pauses (pipelining
    /// backpressure).
    private static let pauseThreshold = 64 * 1024
    private static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    private static let overloadedBytes: [UInt8] = {
        let body = "server at its connection limit\n"
        return Array(
            ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body).utf8)
    }()

    init(index: Int, context: ServerContext, listeners: [(socket: Socket, isTCP: Bool)]) throws(SystemError) {
        self.index = index
        self.context = context
        self.listeners = listeners
        self.queue = try SystemEventQueue()
        for (offset, listener) in listeners.enumerated() {
            do {
                try queue.add(
                    listener.socket.fd, token: Self.listenerTokenFlag | UInt64(offset), interest: .read, exclusive: true)
            } catch {
                queue.close()
                throw error
            }
        }
    }

    /// Posts a message from any thread, waking the loop unless a wake-up is already pending.
    func post(_ message: Message) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.messages.append(message)
            if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
                queue.wake()
            }
            return true
        }
        if !accepted, case .job(let job) = message {
            // The loop has ended; its tasks still have to run somewhere.
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
    }

    // MARK: - The loop

    /// The thread body: runs until ``Message/stop``.
    func run() {
        now = MonotonicClock.now()
        nextTick = now &+ context.tickInterval
        while running {
            // The loop is about to sleep: from here on a poster must wake it. A message that
            // arrived since the last drain makes the wait non-blocking instead.
            wakePending.store(false, ordering: .sequentiallyConsistent)
            let hasMessages = inbox.withLock { !$0.messages.isEmpty }
            let untilTick = nextTick > now ? (nextTick - now) / 1_000_000 + 1 : 0
            var first = true
            queue.wait(timeoutMilliseconds: hasMessages ? 0 : Int32(min(untilTick, 1000))) { event in
                if first {
                    // Timestamps taken while handling this batch are fresh.
                    now = MonotonicClock.now()
                    first = false
                }
                handle(event)
            }
            // Awake: posters only append (no eventfd write) until the loop sleeps again,
            // because it drains the inbox before every sleep. Under load this saves a
            // write and a read system call per response.
            wakePending.store(true, ordering: .sequentiallyConsistent)
            // Jobs run here may post responses (and responses may resume tasks): drain a few
            // rounds so they are written in this iteration rather than after another wait.
            for _ in 0..<4 {
                if !drainInbox() { break }
            }
            now = MonotonicClock.now()
            if now >= nextTick {
                checkDeadlines()
                nextTick = now &+ context.tickInterval
            }
        }
        for fd in liveFDs {
            if let connection = connections[Int(fd)] { close(connection) }
        }
        let leftover = inbox.withLock { inbox -> [Message] in
            inbox.closed = true
            defer { inbox.messages = [] }
            return inbox.messages
        }
        for case .job(let job) in leftover {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
        queue.close()
        listenersReleased.signal()
        drained.signal()
        stopped.signal()
    }

    private func handle(_ event: IOEvent) {
        if event.token == SystemEventQueue.wakeToken {
            return  // the inbox is drained after every wait
        }
        if event.token & Self.listenerTokenFlag != 0 {
            let offset = Int(event.token & 0xFFFF_FFFF)
            if offset < listeners.count { acceptConnections(listeners[offset]) }
            return
        }
        let fd = Int(truncatingIfNeeded: event.token)
        guard fd < connections.count, let connection = connections[fd] else { return }
        if event.writable && connection.hasPendingOutput {
            flush(connection)
        }
        guard connections[fd] === connection else { return }
        if event.failed && connection.peerClosed {
            // Error or hang-up after the peer's FIN: nothing can be delivered any more, and
            // a level-triggered hang-up would be reported again and again.
            close(connection)
            return
        }
        if event.readable || event.failed {
            readable(connection)
        }
    }

    /// Handles every posted message; returns whether there was any.
    @discardableResult
    private func drainInbox() -> Bool {
        // Swap arrays instead of copying, and keep the drained one (uniquely referenced) for
        // the next swap, so steady state allocates nothing.
        var messages: [Message] = []
        swap(&messages, &spareInbox)
        inbox.withLock { swap(&$0.messages, &messages) }
        let handledAny = !messages.isEmpty
        for message in messages {
            switch message {
            case .response(let fd, let id, let response):
                guard Int(fd) < connections.count, let connection = connections[Int(fd)], connection.id == id,
                    connection.inFlight, !connection.outputHasResponse
                else { continue }
                respond(connection, with: response)
            case .beginShutdown:
                beginShutdown()
            case .stop:
                running = false
            case .job(let job):
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
        messages.removeAll(keepingCapacity: true)
        spareInbox = messages
        return handledAny
    }

    // MARK: - Accepting

    private func acceptConnections(_ listener: (socket: Socket, isTCP: Bool)) {
        // A small batch per wake-up: the listener stays readable (level-triggered) while
        // connections are pending, and EPOLLEXCLUSIVE hands the next ones to whichever loop
        // is waiting, which spreads a burst of new connections across the loops.
        for _ in 0..<4 {
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

    private func pauseAccepting() {
        guard !acceptPaused else { return }
        acceptPaused = true
        for listener in listeners { queue.remove(listener.socket.fd) }
    }

    private func resumeAccepting() {
        guard acceptPaused, accepting else { return }
        acceptPaused = false
        for (offset, listener) in listeners.enumerated() {
            try? queue.add(
                listener.socket.fd, token: Self.listenerTokenFlag | UInt64(offset), interest: .read, exclusive: true)
        }
    }

    // MARK: - Reading

    private func readable(_ connection: ServerConnection) {
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

    /// Parses the next request, if any, and hands it to the responder.
    private func process(_ connection: ServerConnection) {
        let request: HTTPRequest?
        do throws(HTTPParserError) {
            request = try connection.parser.parse()
        } catch {
            sendError(connection, HTTPResponse.text(error.status, error.description))
            return
        }
        if let request {
            dispatch(request, on: connection)
            return
        }
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
            close(connection)
        } else if !connection.peerClosed && !connection.interest.contains(.read) {
            setInterest(connection, connection.interest.union(.read))
        }
    }

    private func dispatch(_ request: HTTPRequest, on connection: ServerConnection) {
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

    private func discardInput(_ connection: ServerConnection) {
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

    // MARK: - Writing

    private func respond(_ connection: ServerConnection, with proposed: HTTPResponse) {
        let response = proposed.isEncodable ? proposed : HTTPResponse.invalidResponderResponse
        let close = !connection.keepAlive || draining || response.requestsClose
        enqueue(response, on: connection, close: close)
    }

    /// Answers a request the server itself rejects, then closes (the framing is lost).
    private func sendError(_ connection: ServerConnection, _ response: HTTPResponse) {
        connection.inFlight = true
        connection.requestIsHead = false
        connection.keepAlive = false
        enqueue(response, on: connection, close: true)
    }

    private func enqueue(_ response: HTTPResponse, on connection: ServerConnection, close: Bool) {
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

    private func flush(_ connection: ServerConnection) {
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

    private func responseWritten(_ connection: ServerConnection) {
        connection.inFlight = false
        connection.lastActivity = now
        if connection.closeAfterWrite {
            startLingering(connection)
            return
        }
        process(connection)
    }

    /// RFC 9112 §9.6: close our sending side, then read and discard until the peer closes
    /// or the linger time passes, so that unread input does not turn our close into a
    /// reset that could destroy the response in flight.
    private func startLingering(_ connection: ServerConnection) {
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

    private func setInterest(_ connection: ServerConnection, _ interest: IOInterest) {
        guard interest != connection.interest else { return }
        connection.interest = interest
        queue.modify(connection.socket.fd, token: UInt64(connection.socket.fd), interest: interest)
    }

    private func close(_ connection: ServerConnection) {
        let fd = connection.socket.fd
        guard Int(fd) < connections.count, connections[Int(fd)] === connection else { return }
        queue.remove(fd)
        connection.socket.close()
        connections[Int(fd)] = nil
        liveFDs.remove(fd)
        context.openConnections.subtract(1, ordering: .relaxed)
        if draining && liveFDs.isEmpty { drained.signal() }
    }

    // MARK: - Deadlines and shutdown

    private func checkDeadlines() {
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

    private func beginShutdown() {
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

extension ServerEventLoop: TaskExecutor {
    /// Runs jobs of tasks that prefer this loop (``HTTPServerConfiguration/runsRespondersOnEventLoops``)
    /// on the loop thread, between readiness batches; after the loop has ended, on the
    /// global concurrent executor instead.
    func enqueue(_ job: consuming ExecutorJob) {
        post(.job(UnownedJob(job)))
    }
}
