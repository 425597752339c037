import StateFun
import StateFunHTTP
import Testing

/// Serves an app the way `serve` does (``AppServer``: router, limits, `/metrics`, log) on an ephemeral loopback
/// port for one test, and shuts it down afterwards whether the test's body returned or threw.
///
/// One helper for every test that talks HTTP to a served app, so each test says only what it configures.
/// Defaults: one event loop, no log (the tests that read the log pass a sink), nothing printed.
enum LoopbackServe {
    /// Runs `body` with the port of a started server; the body makes its own clients.
    static func withPort<T>(
        _ app: App, _ configure: (inout ServeConfiguration) -> Void = { _ in },
        _ body: (Int) async throws -> T
    ) async throws -> T {
        var configuration = ServeConfiguration()
        configuration.http.port = 0
        configuration.http.eventLoopCount = 1
        configuration.logSink = nil
        configure(&configuration)
        let server = AppServer(
            app: app, configuration: configuration,
            output: CommandOutput(standardOutput: { _ in }, standardError: { _ in }))
        let port = try #require(try await server.start().first?.port)
        do {
            let result = try await body(port)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Runs `body` with one keep-alive client connected to a started server.
    static func with<T>(
        _ app: App, _ configure: (inout ServeConfiguration) -> Void = { _ in },
        _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        try await withPort(app, configure) { port in
            let client = try HTTPClient(host: "127.0.0.1", port: port)
            defer { client.close() }
            return try await body(client)
        }
    }
}
