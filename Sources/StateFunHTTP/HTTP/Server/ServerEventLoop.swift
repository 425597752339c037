import Synchronization

/// One event-loop thread of an ``HTTPServer``.
///
/// The loop owns its connections outright: it accepts them (several loops share each
/// listening socket; EPOLLEXCLUSIVE wakes one), reads and parses on its own thread, hands
/// each complete request to the responder in a `Task` on the cooperative pool, and writes
/// the response when the task posts it back through the inbox (a lock-protected queue plus
/// an eventfd wake-up). Nothing else touches a connection, so the hot path takes no lock
/// except the inbox's, once per response.
///
/// The loop's concerns live in extensions: accepting (`ServerEventLoop+Accepting.swift`),
/// reading and dispatching (`+Reading`), writing and closing (`+Writing`), deadlines and
/// shutdown (`+Shutdown`).
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
    var spareInbox: [Message] = []
    var connections: [ServerConnection?] = []
    var liveFDs: Set<Int32> = []
    let listeners: [(socket: Socket, isTCP: Bool)]
    var accepting = true
    var acceptPaused = false
    var draining = false
    var running = true
    var nextID: UInt64 = 0
    var now: UInt64 = 0
    var nextTick: UInt64 = 0
    var scratch = [UInt8](repeating: 0, count: 16 * 1024)

    static let listenerTokenFlag: UInt64 = 1 << 32
    static let readChunk = 16 * 1024
    /// Input buffered beyond an in-flight request before reading pauses (pipelining
    /// backpressure).
    static let pauseThreshold = 64 * 1024
    static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    /// The answer to a connection over ``HTTPLimits/maxConnections``.
    static let overloadedResponse = HTTPResponse.text(503, "server at its connection limit")
    /// The same answer as bytes, for a connection rejected without being watched.
    static let overloadedBytes: [UInt8] = {
        var bytes: [UInt8] = []
        if overloadedResponse.encodeHead(into: &bytes, isHead: false, version: .http1_1, close: true) {
            bytes += overloadedResponse.body
        }
        return bytes
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

    func handle(_ event: IOEvent) {
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
    func drainInbox() -> Bool {
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
}

extension ServerEventLoop: TaskExecutor {
    /// Runs jobs of tasks that prefer this loop (``HTTPServerConfiguration/runsRespondersOnEventLoops``)
    /// on the loop thread, between readiness batches; after the loop has ended, on the
    /// global concurrent executor instead.
    func enqueue(_ job: consuming ExecutorJob) {
        post(.job(UnownedJob(job)))
    }
}
