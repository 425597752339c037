#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An HTTP/1.1 server for the StateFun runtime's function calls.
///
/// `eventLoopCount` dedicated threads each run an event loop (epoll on Linux, poll on
/// Darwin) over non-blocking sockets; they share the listening sockets, accept, read and
/// parse, and write responses. Complete requests are handed to the ``HTTPResponder`` in a
/// `Task`, so application code runs on Swift's cooperative pool and no pool thread ever
/// blocks in a system call. See `Docs/HTTPServer.md` for limits, statuses and lifecycle.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 8000)) { request in
///     HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: request.body)
/// }
/// try await server.runUntilSignalled()
/// ```
public final class HTTPServer: Sendable {
    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration

    private let context: ServerContext
    private let state = Mutex<State>(.idle)
    private let stoppedSignal = AsyncSignal()

    private enum State: Sendable {
        case idle
        /// Binding; `shutdownRequested` records a ``shutdown()`` that arrived meanwhile.
        case starting(shutdownRequested: Bool)
        case running(Running)
        case stopping
        case stopped
    }

    private struct Running: Sendable {
        var loops: [ServerEventLoop]
        var listeners: [Socket]
        var unixSocketPath: String?
        var addresses: [HTTPServerAddress]
    }

    /// Creates a server; nothing is bound until ``start()``.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, limits and timeouts.
    ///   - events: receives connection and limit events (``HTTPServerEvent``); nil by default.
    ///   - responder: turns each request into a response; see ``HTTPResponder``.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(), events: HTTPServerObserver? = nil,
        responder: @escaping HTTPResponder
    ) {
        self.configuration = configuration
        self.context = ServerContext(configuration: configuration, observer: events, responder: responder)
    }

    /// The addresses the server listens on, once started (empty before and after).
    /// Request-body bytes charged against ``HTTPLimits/maxBufferedBodyBytes`` right now,
    /// across all connections: what tests and diagnostics observe of the budget.
    package var bufferedBodyBytes: Int { context.bufferedBodyBytes.load(ordering: .relaxed) }

    public var addresses: [HTTPServerAddress] {
        state.withLock { state in
            if case .running(let running) = state { return running.addresses }
            return []
        }
    }

    /// Binds the listening sockets, starts the event-loop threads and returns the bound
    /// addresses (with the actual port when the configuration asked for port 0): the TCP
    /// address first, then the Unix-domain socket if configured.
    ///
    /// - Throws: ``HTTPServerError``, e.g. ``HTTPServerError/addressInUse(_:)``.
    @discardableResult
    public func start() async throws(HTTPServerError) -> [HTTPServerAddress] {
        try state.withLock { state throws(HTTPServerError) in
            guard case .idle = state else { throw .alreadyStarted }
            state = .starting(shutdownRequested: false)
        }
        do throws(HTTPServerError) {
            let running = try bindAndStart()
            let shutdownRequested = state.withLock { state -> Bool in
                defer { state = .running(running) }
                if case .starting(let requested) = state { return requested }
                return false
            }
            if shutdownRequested { await shutdown() }
            return running.addresses
        } catch {
            let shutdownRequested = state.withLock { state -> Bool in
                let requested: Bool
                if case .starting(let flag) = state { requested = flag } else { requested = false }
                state = requested ? .stopped : .idle
                return requested
            }
            if shutdownRequested { stoppedSignal.signal() }
            throw error
        }
    }

    private func bindAndStart() throws(HTTPServerError) -> Running {
        var listeners: [(socket: Socket, isTCP: Bool)] = []
        var addresses: [HTTPServerAddress] = []
        func closeAll() { for listener in listeners { listener.socket.close() } }
        if let host = configuration.host {
            guard let address = SocketAddress.resolve(host: host, port: configuration.port),
                let socketAddress = SocketAddress(address)
            else {
                throw .invalidAddress("\(host):\(configuration.port)")
            }
            do {
                let socket = try Socket.listen(on: socketAddress, backlog: 4096)
                listeners.append((socket, true))
                addresses.append(socket.localAddress()?.publicAddress ?? address)
            } catch {
                throw Self.mapBindError(error, address: address.description)
            }
        }
        if let path = configuration.unixSocketPath {
            guard let socketAddress = SocketAddress(.unix(path: path)) else {
                closeAll()
                throw .invalidAddress(path)
            }
            Self.removeStaleSocket(at: path)
            do {
                let socket = try Socket.listen(on: socketAddress, backlog: 4096)
                listeners.append((socket, false))
                addresses.append(.unix(path: path))
            } catch {
                closeAll()
                throw Self.mapBindError(error, address: path)
            }
        }
        guard !listeners.isEmpty else {
            throw .invalidAddress("neither host nor unixSocketPath is set")
        }
        var loops: [ServerEventLoop] = []
        do throws(SystemError) {
            for index in 0..<max(1, configuration.eventLoopCount) {
                loops.append(try ServerEventLoop(index: index, context: context, listeners: listeners))
            }
            for loop in loops {
                try SystemThread.spawn(name: "http-loop-\(loop.index)") { loop.run() }
            }
        } catch {
            // Loops whose thread started end on .stop; a loop without a thread just stays
            // unused (its queue's descriptors are released with the process).
            for loop in loops { loop.post(.stop) }
            closeAll()
            throw .systemCallFailed(call: error.call, errno: error.errno)
        }
        return Running(
            loops: loops, listeners: listeners.map(\.socket), unixSocketPath: configuration.unixSocketPath,
            addresses: addresses)
    }

    private static func mapBindError(_ error: SystemError, address: String) -> HTTPServerError {
        if error.errno == EADDRINUSE { return .addressInUse(address) }
        if error.errno == EADDRNOTAVAIL || error.errno == EAFNOSUPPORT { return .invalidAddress(address) }
        return .systemCallFailed(call: error.call, errno: error.errno)
    }

    /// Removes a leftover socket file (from a crashed run) so bind can succeed; anything
    /// that is not a socket is left alone and bind then reports the address in use.
    private static func removeStaleSocket(at path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else { return }
        unlink(path)
    }

    /// Shuts down gracefully and returns when everything is closed.
    ///
    /// Stops accepting at once (new connections are refused), closes idle keep-alive
    /// connections, lets requests being received or processed finish and answers them with
    /// `Connection: close`; after ``HTTPServerConfiguration/shutdownGracePeriod`` it closes
    /// whatever is left. Calling it again, concurrently or later, waits for the same end.
    public func shutdown() async {
        let running: Running? = state.withLock { state in
            switch state {
            case .running(let running):
                state = .stopping
                return running
            case .idle:
                state = .stopped
                stoppedSignal.signal()
                return nil
            case .starting:
                // start() shuts down as soon as it has bound; wait for that.
                state = .starting(shutdownRequested: true)
                return nil
            case .stopping, .stopped:
                return nil
            }
        }
        guard let running else {
            await stoppedSignal.wait()
            return
        }
        for loop in running.loops { loop.post(.beginShutdown) }
        for loop in running.loops { await loop.listenersReleased.wait() }
        for listener in running.listeners { listener.close() }
        if let path = running.unixSocketPath { Self.removeStaleSocket(at: path) }

        let proceed = AsyncSignal()
        let grace = configuration.shutdownGracePeriod
        let timer = Task {
            try? await Task.sleep(for: grace)
            proceed.signal()
        }
        Task {
            for loop in running.loops { await loop.drained.wait() }
            proceed.signal()
        }
        await proceed.wait()
        timer.cancel()
        for loop in running.loops { loop.post(.stop) }
        for loop in running.loops { await loop.stopped.wait() }
        state.withLock { $0 = .stopped }
        stoppedSignal.signal()
    }

    /// Starts the server if it is not running yet, then returns once ``shutdown()`` has
    /// completed (called from elsewhere, or by a signal handler of ``runUntilSignalled()``).
    public func run() async throws(HTTPServerError) {
        let needsStart = state.withLock { state -> Bool in
            if case .idle = state { return true }
            return false
        }
        if needsStart { try await start() }
        await stoppedSignal.wait()
    }

    /// Like ``run()``, and shuts down gracefully on SIGTERM or SIGINT (how Kubernetes and a
    /// terminal stop a process). Returns after the drain, so the caller can exit with 0.
    /// Prints nothing. While it runs, both signals go only to this server's handlers (their
    /// default action, terminating the process, is suspended); their previous handling is
    /// restored when it returns.
    public func runUntilSignalled() async throws(HTTPServerError) {
        let watcher = SignalWatcher(signals: [SIGTERM, SIGINT]) { [self] in
            Task { await self.shutdown() }
        }
        defer { watcher.cancel() }
        try await run()
    }
}
