import StateFunHTTP
import Synchronization

/// An app and the embedded runtime in one process, with an HTTP ingress like the StateFun playground's: send
/// messages with `curl`, read egress records and state back, and watch egress records on standard output.
///
/// The command line's `dev` command runs one (`greeter dev --port 8090`); tests and tools can run one directly:
///
/// ```swift
/// let server = DevServer(app: app, configuration: DevServerConfiguration(messageTypes: [GreetResponse.self]))
/// let addresses = try await server.start()
/// // POST /example/greeter/ann, GET /egress/greetings, GET /state/example/greeter/ann ...
/// await server.shutdown()
/// ```
///
/// Routes: `POST /<namespace>/<type>/<id>` (typename from `Content-Type: application/vnd.<typename>`,
/// default `io.statefun.types/string`; body = the value's bytes), `POST /ingress/<topic>/<key>` (a record of a
/// topic or stream the app's ingresses read), `GET /egress[/<topic>]`, `GET /state/<namespace>/<type>/<id>`,
/// `GET /metrics`, `GET /health`. The runtime runs on the wall clock with the StateFun runtime's semantics (``LocalRuntime``);
/// Docs/DevServer.md describes the routes and limits, Docs/LocalRuntime.md where the runtime differs from a Flink
/// cluster.
public final class DevServer: Sendable {
    /// The app being run.
    public let app: App
    /// The embedded runtime: the server delivers into it and reads state from it.
    public let runtime: LocalRuntime
    /// The server's settings.
    public let configuration: DevServerConfiguration

    private let server: HTTPServer
    private let log: DevLog<CapturedEgressRecord>
    private let router: DevRouter
    /// The log with its batch tally and the metrics, as far as the configuration has them.
    private let instrumentation: (any Instrumentation)?
    private let tally: BatchTally
    private let startedAt = Mutex(ContinuousClock.now)

    /// Creates a server for `app` (nothing listens before ``start()``).
    ///
    /// Every egress record is printed as one line on `output`'s standard output as it is captured
    /// (`egress example/greets topic=greetings key=ann {…}`), every batch the runtime gives up on on its
    /// standard error. The server keeps the records in a log of its own, bounded by
    /// ``DevServerConfiguration/maxEgressRecords`` and ``DevServerConfiguration/maxEgressRecordBytes``, so the
    /// runtime's ``LocalRuntime/egressRecords`` and ``LocalRuntime/failures`` stay empty.
    public init(app: App, configuration: DevServerConfiguration = DevServerConfiguration(), output: CommandOutput = .console) {
        self.app = app
        self.configuration = configuration
        // The server keeps records and failures in its own bounded logs; the runtime keeps no failures of its own
        // (each one holds its batch's messages) and hands every record over at once.
        var runtimeConfiguration = configuration.runtime
        runtimeConfiguration.maxRecordedFailures = 0
        let tally = BatchTally()
        self.tally = tally
        var members: [any Instrumentation] = []
        if let sink = configuration.logSink {
            members += [LoggingInstrumentation(level: configuration.logLevel, sink: sink), tally]
        }
        if let metrics = configuration.metrics { members.append(MetricsInstrumentation(registry: metrics)) }
        let instrumentation: (any Instrumentation)? = members.isEmpty ? nil : InstrumentationGroup(members)
        if let instrumentation {
            runtimeConfiguration.instrumentation =
                runtimeConfiguration.instrumentation.map { InstrumentationGroup([instrumentation, $0]) } ?? instrumentation
        }
        self.instrumentation = instrumentation
        let runtime = LocalRuntime(app: app, clock: WallClock(), configuration: runtimeConfiguration)
        let log = DevLog<CapturedEgressRecord>(
            limit: configuration.maxEgressRecords, byteLimit: configuration.maxEgressRecordBytes,
            cost: DevRetention.cost)
        let failures = DevLog<RuntimeFailure>(
            limit: configuration.maxEgressRecords, byteLimit: configuration.maxEgressRecordBytes,
            cost: DevRetention.cost)
        let declared = app.model.functions.flatMap { $0.handlers.compactMap(\.valueType) }
        let renderer = DevValueRenderer(messageTypes: configuration.messageTypes, declaredTypes: declared)
        let router = DevRouter(
            app: app, runtime: runtime, log: log, failures: failures, renderer: renderer,
            deliveryWait: configuration.deliveryWait, metrics: configuration.metrics)
        runtime.onEgress { [weak runtime] record in
            log.append(DevRetention.detached(record))
            runtime?.removeEgressRecords()
            output.print(renderer.line(record))
        }
        runtime.onFailure { failure in
            failures.append(DevRetention.detached(failure))
            output.printError("failure: \(failure)")
        }
        self.runtime = runtime
        self.log = log
        self.router = router
        server = HTTPServer(
            configuration: configuration.http.httpServerConfiguration, events: instrumentation?.httpObserver
        ) { request in await router.respond(request) }
    }

    /// Starts listening; returns the bound addresses (with the real port when the configuration asked for port 0).
    ///
    /// Throws ``StateFunError/invalidArgument(_:)`` with `validate`'s report for an app ``App/validate()`` rejects
    /// (`<app> dev` prints the same report and refuses it too).
    @discardableResult
    public func start() async throws(StateFunError) -> [ServerAddress] {
        if let report = app.validationErrorReport() { throw .invalidArgument(report) }
        let addresses: [ServerAddress]
        do {
            addresses = try await server.start().map(ServerAddress.init)
        } catch {
            throw StateFunError(error)
        }
        startedAt.withLock { $0 = .now }
        let limits = configuration.http.limits
        instrumentation?.serverEvent(
            .started(
                addresses: addresses.map { "http://\($0)" }, protocolVersion: runtime.protocolVersion,
                functions: app.functionTypes,
                limits: [
                    ("max_body_bytes", String(limits.maxBodyBytes)), ("max_connections", String(limits.maxConnections)),
                    ("max_egress_records", String(configuration.maxEgressRecords)),
                ]))
        return addresses
    }

    private func reportStopped() {
        let (batches, failed) = tally.counts
        instrumentation?.serverEvent(
            .stopped(uptime: .now - startedAt.withLock { $0 }, batches: batches, failedBatches: failed))
    }

    /// Starts if needed, serves until SIGTERM or SIGINT, then shuts down (see ``shutdown()``) and returns.
    public func runUntilSignalled() async throws(StateFunError) {
        do {
            try await server.runUntilSignalled()
        } catch {
            throw StateFunError(error)
        }
        runtime.shutDown()
        reportStopped()
    }

    /// Stops the HTTP server (requests in flight finish within its grace period) and the runtime's timers.
    public func shutdown() async {
        await server.shutdown()
        runtime.shutDown()
        reportStopped()
    }

    /// The egress records kept so far, oldest first; only those of a Kafka topic or Kinesis stream when `topic` is
    /// given (what `GET /egress/<topic>` shows).
    public func egressRecords(topic: String? = nil) -> [CapturedEgressRecord] {
        log.entries { topic == nil || $0.topic == topic }.map(\.element)
    }
}
