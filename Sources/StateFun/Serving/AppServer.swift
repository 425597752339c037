import StateFunHTTP

/// Serves an app with the built-in HTTP server until SIGTERM or SIGINT, then drains and returns.
package enum AppServer {
    /// The `serve` command's hook: serves `app` on `host:port` with `protocolVersion`, writing where it listens
    /// to `output`; returns after a graceful shutdown.
    package static func serve(
        app: App, host: String, port: Int, protocolVersion: ProtocolVersion, output: CommandOutput
    ) async throws {
        var configuration = ServeConfiguration(protocolVersion: protocolVersion)
        configuration.http.host = host
        configuration.http.port = port
        try await serve(app: app, configuration: configuration, output: output)
    }

    package static func serve(app: App, configuration: ServeConfiguration, output: CommandOutput) async throws {
        let router = FunctionRouter(app: app, configuration: configuration)
        let server = HTTPServer(configuration: configuration.http.httpServerConfiguration) { request in await router.respond(request) }
        let addresses = try await server.start()
        for address in addresses {
            output.printError("serving \(app.functionTypes.count) function(s) on \(address)\(configuration.path) "
                + "(protocol \(configuration.protocolVersion))")
        }
        try await server.runUntilSignalled()
        output.printError("stopped")
    }
}

extension App {
    /// Serves this app over HTTP with the built-in server until the process gets SIGTERM or SIGINT; in-flight
    /// requests finish within the grace period, then this returns. Refuses an app that has validation errors.
    public func serve(_ configuration: ServeConfiguration = ServeConfiguration()) async throws {
        if let report = validationErrorReport() {
            throw StateFunError.invalidArgument("not serving an app with errors:\n" + report)
        }
        try await AppServer.serve(app: self, configuration: configuration, output: .console)
    }
}
