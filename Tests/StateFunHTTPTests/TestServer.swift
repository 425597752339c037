import StateFunHTTP
import Testing

/// Starts a server on an ephemeral loopback port for one test and shuts it down after.
struct TestServer {
    let server: HTTPServer
    let address: HTTPServerAddress

    /// A responder that answers 200 with `echo:` + the request body, and the request's
    /// `X-Id` header (if any) echoed back.
    static let echo: HTTPResponder = { request in
        var headers: HTTPHeaders = ["Content-Type": "application/octet-stream"]
        if let id = request.headers["X-Id"] { headers.add(name: "X-Id", value: id) }
        return HTTPResponse(status: 200, headers: headers, body: Array("echo:".utf8) + request.body)
    }

    /// How long a test waits for the other side before calling it broken. Generous on purpose: CI runs the
    /// suite in parallel on two busy cores, where a healthy exchange can stall for seconds. A passing test never
    /// waits this long (every wait ends on the awaited event), so only a broken one pays for it. Tests *about*
    /// timeouts set their own short values.
    static let patience: Duration = .seconds(60)

    static func configuration(
        limits: HTTPLimits = HTTPLimits(),
        readTimeout: Duration = TestServer.patience,
        idleTimeout: Duration = TestServer.patience
    ) -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            host: "127.0.0.1", port: 0, limits: limits, readTimeout: readTimeout, idleTimeout: idleTimeout,
            shutdownGracePeriod: TestServer.patience, eventLoopCount: 2)
    }

    /// Runs `body` against a started server, then shuts it down.
    @discardableResult
    static func with<T>(
        _ configuration: HTTPServerConfiguration = TestServer.configuration(),
        responder: @escaping HTTPResponder = TestServer.echo,
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let server = HTTPServer(configuration: configuration, responder: responder)
        let addresses = try await server.start()
        let address = try #require(addresses.first)
        do {
            let result = try await body(TestServer(server: server, address: address))
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// A new client for this server that waits at most ``patience`` for any one step.
    func client(timeout: Duration = TestServer.patience) -> HTTPClient {
        HTTPClient(address: address, timeout: timeout)
    }

    /// Sends raw bytes on a fresh connection and returns the one response.
    func rawExchange(_ request: String) async throws -> HTTPResponse {
        try await rawExchange(Array(request.utf8))
    }

    func rawExchange(_ request: [UInt8]) async throws -> HTTPResponse {
        let client = client()
        defer { client.close() }
        try await client.write(request)
        return try await client.readResponse()
    }
}

/// Returns once connecting to `address` is refused (the server stopped listening), trying
/// at most `attempts` times; returns whether it was refused.
func waitUntilRefusing(_ address: HTTPServerAddress, attempts: Int = 500) async -> Bool {
    for _ in 0..<attempts {
        do {
            let probe = HTTPClient(address: address, timeout: .seconds(1))
            try await probe.connect()
            probe.close()
            await Task.yield()
        } catch {
            return true
        }
    }
    return false
}

extension HTTPResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
