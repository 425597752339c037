import Synchronization

/// A small HTTP/1.1 client over one keep-alive connection, to a TCP address (IPv4 or IPv6)
/// or a Unix-domain socket.
///
/// Used by tests and by the SDK's local runtime to call functions at endpoint URLs in
/// another process. Its sockets are non-blocking and every wait happens on a dedicated I/O
/// thread, so no thread of Swift's cooperative pool blocks in a system call.
///
/// ``send(method:path:headers:body:)`` connects lazily, serializes concurrent calls (one
/// request at a time per client; use several clients for parallelism), and reconnects once
/// if a reused keep-alive connection turns out to have been closed by the server. The raw
/// helpers (``write(_:)``, ``readResponse(skippingInterim:requestWasHead:)``,
/// ``readUntilClose()``) give tests byte-level control; they are not serialized, and at
/// most one task should read at a time (one may write concurrently).
///
/// Errors are ``HTTPClientError``, or `CancellationError` when the calling task is cancelled.
public final class HTTPClient: Sendable {
    /// Where the client connects.
    public let address: HTTPServerAddress
    /// How long any single wait (connect, a write making progress, bytes arriving) may take
    /// before ``HTTPClientError/timedOut``.
    public let timeout: Duration

    private struct Connection {
        var socket: Socket?
        var input: [UInt8] = []
        var inputStart = 0
        var atEOF = false
        /// A response was read on this connection, so it is a reused keep-alive connection.
        var reused = false
    }

    private let connection = Mutex(Connection())
    private let gate = AsyncGate()
    private let timeoutNanoseconds: UInt64

    /// Creates a client; nothing happens on the network until the first call.
    public init(address: HTTPServerAddress, timeout: Duration = .seconds(30)) {
        self.address = address
        self.timeout = timeout
        self.timeoutNanoseconds = MonotonicClock.nanoseconds(timeout)
    }

    /// Creates a client for `host` (numeric IPv4 or IPv6, or `localhost`) and `port`.
    public convenience init(host: String, port: Int, timeout: Duration = .seconds(30)) throws(HTTPClientError) {
        guard let address = SocketAddress.resolve(host: host, port: port) else {
            throw .invalidAddress("\(host):\(port)")
        }
        self.init(address: address, timeout: timeout)
    }

    deinit {
        close()
    }

    private var loop: ClientIOLoop {
        get throws(HTTPClientError) {
            guard let loop = ClientIOLoop.shared else { throw .connectFailed(errno: 0) }
            return loop
        }
    }

    /// Opens the connection now (``send(method:path:headers:body:)`` and the raw helpers do
    /// so on demand). Does nothing if already connected.
    public func connect() async throws {
        if connection.withLock({ $0.socket != nil }) { return }
        guard let socketAddress = SocketAddress(address) else { throw HTTPClientError.invalidAddress(address.description) }
        let loop = try loop
        let socket: Socket
        let inProgress: Bool
        do {
            (socket, inProgress) = try Socket.connect(to: socketAddress)
        } catch {
            throw HTTPClientError.connectFailed(errno: error.errno)
        }
        do {
            try loop.register(socket.fd)
        } catch {
            socket.close()
            throw HTTPClientError.connectFailed(errno: error.errno)
        }
        if inProgress {
            do {
                try await loop.wait(socket.fd, for: .write, timeout: timeoutNanoseconds)
            } catch {
                loop.unregister(socket.fd)
                socket.close()
                throw error
            }
            let error = socket.pendingError()
            if error != 0 {
                loop.unregister(socket.fd)
                socket.close()
                throw HTTPClientError.connectFailed(errno: error)
            }
        }
        if case .ipv4 = address { socket.setNoDelay() }
        if case .ipv6 = address { socket.setNoDelay() }
        connection.withLock { $0 = Connection(socket: socket) }
    }

    /// How long a closed connection keeps draining what the server still sends (at most).
    static let lingerNanoseconds: UInt64 = 2_000_000_000

    /// Closes the connection gracefully (half-close, drain, then close, on the I/O thread);
    /// the next call opens a new one.
    public func close() {
        let socket = connection.withLock { state -> Socket? in
            defer { state = Connection() }
            return state.socket
        }
        guard let socket else { return }
        if let loop = ClientIOLoop.shared {
            loop.unregister(socket.fd)
            // A graceful close (RFC 9112 §9.6): the server sees end-of-file, never a reset.
            loop.closeGracefully(socket, linger: Self.lingerNanoseconds)
        } else {
            socket.close()
        }
    }

    // MARK: - Requests

    /// Sends a request and returns its response, keeping the connection for the next one
    /// unless the server answered `Connection: close`.
    ///
    /// Adds `Host` and `Content-Length` (unless given in `headers`); interim 1xx responses
    /// are skipped.
    public func send(
        method: String = "POST", path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) async throws -> HTTPResponse {
        let request = encodeRequest(method: method, path: path, headers: headers, body: body)
        return try await gate.withGate {
            let wasReused = connection.withLock { $0.socket != nil && $0.reused }
            do {
                return try await exchange(request, isHead: method == "HEAD")
            } catch let error as HTTPClientError where wasReused && Self.isStaleConnection(error) {
                // The server closed the idle keep-alive connection before our request
                // reached it; a fresh connection is what every HTTP client does here.
                close()
                return try await exchange(request, isHead: method == "HEAD")
            }
        }
    }

    private static func isStaleConnection(_ error: HTTPClientError) -> Bool {
        switch error {
        case .connectionClosed, .ioFailed: true
        default: false
        }
    }

    private func exchange(_ request: [UInt8], isHead: Bool) async throws -> HTTPResponse {
        try await write(request)
        let (response, version) = try await readParsedResponse(skippingInterim: true, requestWasHead: isHead)
        connection.withLock { $0.reused = true }
        let keepAlive =
            !response.headers.containsToken("close", in: "Connection")
            && (version >= .http1_1 || response.headers.containsToken("keep-alive", in: "Connection"))
        if !keepAlive { close() }
        return response
    }

    private func encodeRequest(method: String, path: String, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + body.count)
        bytes.append(contentsOf: "\(method) \(path) HTTP/1.1\r\n".utf8)
        if !headers.contains("Host") {
            let host: String
            switch address {
            case .ipv4(let name, let port): host = "\(name):\(port)"
            case .ipv6(let name, let port): host = "[\(name)]:\(port)"
            case .unix: host = "localhost"
            }
            bytes.append(contentsOf: "Host: \(host)\r\n".utf8)
        }
        for (name, value) in headers {
            bytes.append(contentsOf: "\(name): \(value)\r\n".utf8)
        }
        if !headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")
            && (!body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH")
        {
            bytes.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        bytes.append(contentsOf: body)
        return bytes
    }

    // MARK: - Raw helpers

    /// Writes `bytes` completely (connecting first if needed).
    public func write(_ bytes: [UInt8]) async throws {
        try await connect()
        let loop = try loop
        var offset = 0
        while offset < bytes.count {
            let socket = try currentSocket()
            let outcome = bytes.withUnsafeBytes { raw in
                socket.send(UnsafeRawBufferPointer(rebasing: raw[offset...]), UnsafeRawBufferPointer(start: nil, count: 0))
            }
            switch outcome {
            case .transferred(let count): offset += count
            case .wouldBlock: try await loop.wait(socket.fd, for: .write, timeout: timeoutNanoseconds)
            case .endOfFile: throw HTTPClientError.connectionClosed
            case .failed(let errno): throw HTTPClientError.ioFailed(errno: errno)
            }
        }
    }

    /// Closes the sending side of the connection (a TCP half-close: the server sees
    /// end-of-file) while responses can still be read.
    public func finishWriting() throws {
        try currentSocket().shutdownWrite()
    }

    /// Reads one response. With `skippingInterim`, 1xx responses are read and dropped;
    /// without, a `100 Continue` is returned like any response.
    public func readResponse(skippingInterim: Bool = true, requestWasHead: Bool = false) async throws -> HTTPResponse {
        try await readParsedResponse(skippingInterim: skippingInterim, requestWasHead: requestWasHead).0
    }

    /// Reads everything until the server closes the connection, and returns it (including
    /// any bytes buffered but not yet consumed by an earlier read).
    public func readUntilClose() async throws -> [UInt8] {
        while !(connection.withLock { $0.atEOF }) {
            try await receiveMore()
        }
        return connection.withLock { state in
            defer { state.inputStart = state.input.count }
            return Array(state.input[state.inputStart...])
        }
    }

    /// Whether the server has closed the connection: waits for it for at most the client's
    /// timeout and returns true on end-of-file or reset, false if bytes arrived instead.
    public func isClosedByPeer() async throws -> Bool {
        do {
            let before = connection.withLock { $0.input.count - $0.inputStart }
            while !(connection.withLock { $0.atEOF }) {
                try await receiveMore()
                if connection.withLock({ $0.input.count - $0.inputStart }) > before { return false }
            }
            return true
        } catch HTTPClientError.ioFailed {
            return true
        }
    }

    private func readParsedResponse(skippingInterim: Bool, requestWasHead: Bool) async throws -> (HTTPResponse, HTTPVersion) {
        while true {
            let parsed = try connection.withLock { state throws(HTTPClientError) -> HTTPResponseParser.Parsed? in
                guard
                    let parsed = try HTTPResponseParser.parse(
                        state.input[state.inputStart...], requestWasHead: requestWasHead, atEOF: state.atEOF)
                else { return nil }
                state.inputStart += parsed.consumed
                if state.inputStart == state.input.count {
                    state.input.removeAll(keepingCapacity: true)
                    state.inputStart = 0
                }
                return parsed
            }
            if let parsed {
                if skippingInterim && (100..<200).contains(parsed.response.status) { continue }
                return (parsed.response, parsed.version)
            }
            if connection.withLock({ $0.atEOF }) { throw HTTPClientError.connectionClosed }
            try await receiveMore()
        }
    }

    /// Receives at least one more byte, or marks end-of-file.
    private func receiveMore() async throws {
        if connection.withLock({ $0.socket == nil }) { try await connect() }
        let loop = try loop
        while true {
            let socket = try currentSocket()
            // A scratch buffer without zero-filling, copied into the input under the lock.
            let outcome = withUnsafeTemporaryAllocation(byteCount: 64 * 1024, alignment: 1) { scratch in
                let outcome = socket.receive(into: scratch)
                if case .transferred(let count) = outcome {
                    connection.withLock {
                        $0.input.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                    }
                }
                return outcome
            }
            switch outcome {
            case .transferred:
                return
            case .endOfFile:
                connection.withLock { $0.atEOF = true }
                return
            case .wouldBlock:
                try await loop.wait(socket.fd, for: .read, timeout: timeoutNanoseconds)
            case .failed(let errno):
                throw HTTPClientError.ioFailed(errno: errno)
            }
        }
    }

    private func currentSocket() throws(HTTPClientError) -> Socket {
        guard let socket = connection.withLock({ $0.socket }) else { throw .connectionClosed }
        return socket
    }
}
