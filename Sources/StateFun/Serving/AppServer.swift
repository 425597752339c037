import StateFunHTTP
import Synchronization

/// An app served by the built-in HTTP server (`serve`, ``App/serve(_:)``): the router, the server, and the
/// start and shutdown events of its log and metrics.
package final class AppServer: Sendable {
    let app: App
    let configuration: ServeConfiguration
    let router: FunctionRouter
    private let server: HTTPServer
    private let output: CommandOutput
    private let startedAt = Mutex(ContinuousClock.now)

    /// An app's server (nothing listens before ``start()``).
    package init(app: App, configuration: ServeConfiguration, output: CommandOutput) {
        self.app = app
        self.configuration = configuration
        self.output = output
        let router = FunctionRouter(app: app, configuration: configuration)
        self.router = router
        server = HTTPServer(
            configuration: configuration.http.httpServerConfiguration, events: router.instrumentation?.httpObserver
        ) { request in await router.respond(request) }
    }

    /// Listens, reports the start (the log's `server started` line, or a plain line without a log) and returns
    /// the bound addresses.
    @discardableResult
    package func start() async throws(StateFunError) -> [ServerAddress] {
        let addresses: [ServerAddress]
        do {
            addresses = try await server.start().map(ServerAddress.init)
        } catch {
            throw StateFunError(error)
        }
        startedAt.withLock { $0 = .now }
        if configuration.logSink == nil {
            for address in addresses {
                output.printError("serving \(app.functionTypes.count) function(s) on \(address)\(configuration.path) "
                    + "(protocol \(configuration.protocolVersion))")
            }
        }
        router.instrumentation?.serverEvent(
            .started(
                addresses: addresses.map { "\($0)\(configuration.path)" }, protocolVersion: configuration.protocolVersion,
                functions: app.functionTypes, limits: configuration.reportedLimits))
        return addresses
    }

    /// Serves until SIGTERM or SIGINT, then drains and reports the shutdown.
    package func runUntilSignalled() async throws(StateFunError) {
        do {
            try await server.runUntilSignalled()
        } catch {
            throw StateFunError(error)
        }
        stopped()
    }

    /// Shuts down gracefully (see `HTTPServer.shutdown()`) and reports it.
    package func shutdown() async {
        await server.shutdown()
        stopped()
    }

    private func stopped() {
        let uptime = ContinuousClock.now - startedAt.withLock { $0 }
        let (batches, failed) = router.tally.counts
        router.instrumentation?.serverEvent(.stopped(uptime: uptime, batches: batches, failedBatches: failed))
        if configuration.logSink == nil { output.printError("stopped") }
    }

    /// Serves `app` as `configuration` says until SIGTERM or SIGINT; returns after a graceful shutdown.
    package static func serve(app: App, configuration: ServeConfiguration, output: CommandOutput) async throws {
        let server = AppServer(app: app, configuration: configuration, output: output)
        try await server.start()
        try await server.runUntilSignalled()
    }
}

extension App {
    /// Serves this app over HTTP with the built-in server until the process gets SIGTERM or SIGINT; in-flight
    /// requests finish within the grace period, then this returns. Refuses an app that has validation errors.
    /// Logs and metrics follow `configuration` (``ServeConfiguration/logSink``, ``ServeConfiguration/metrics``).
    public func serve(_ configuration: ServeConfiguration = ServeConfiguration()) async throws {
        if let report = validationErrorReport() {
            throw StateFunError.invalidArgument("not serving an app with errors:\n" + report)
        }
        try await AppServer.serve(app: self, configuration: configuration, output: .console)
    }
}
