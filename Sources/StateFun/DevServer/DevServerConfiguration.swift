/// How a ``DevServer`` listens, which message types it can show by their fields, and its limits.
///
/// ```swift
/// var configuration = DevServerConfiguration(messageTypes: [GreetRequest.self, GreetResponse.self])
/// configuration.http.port = 8090
/// let server = DevServer(app: app, configuration: configuration)
/// ```
public struct DevServerConfiguration: Sendable {
    /// The HTTP server: host (default `127.0.0.1`: a development server is for this machine only), port (default
    /// 8090, the StateFun playground's ingress port), limits (Docs/HTTPServer.md), one event loop.
    public var http: ServerConfiguration

    /// Types whose values the server shows by their fields instead of as base64: in egress records (tried in this
    /// order on record values, which travel without a typename; the first that decodes the bytes and re-encodes
    /// them unchanged is taken) and in state (chosen by typename). The six built-in types are always known.
    ///
    /// The app's declarations don't keep Swift types, only typenames, so list the message types your
    /// functions send to egresses here (Docs/Decisions/0006-dev-server-value-rendering.md).
    public var messageTypes: [any StateFunType.Type]

    /// How many egress records the server keeps for `GET /egress` (default 10 000); beyond it the oldest are
    /// dropped and the answer says how many. The failures it keeps for the answers to `POST`s have the same bound.
    public var maxEgressRecords: Int

    /// How many bytes the kept egress records may hold in all (default ``defaultMaxEgressRecordBytes``, 64 MiB):
    /// their values, keys, topics and addresses, plus a small fixed overhead per record. Beyond it the oldest are
    /// dropped, like beyond ``maxEgressRecords``; a record larger than this on its own is shown on standard output
    /// but not kept. The failures the server keeps have the same bound.
    public var maxEgressRecordBytes: Int

    /// The default of ``maxEgressRecordBytes``: 64 MiB.
    public static let defaultMaxEgressRecordBytes = 64 << 20

    /// How long a `POST` waits for the runtime to finish the work it caused (the calls, the messages between
    /// functions, their retries) before answering (default 5 s). Longer work goes on after the answer, which then
    /// has status 202 instead of 200. Delayed messages are never waited for.
    public var deliveryWait: Duration

    /// The embedded runtime's settings: batch limit and retry budget. The runtime retries a failing call for a
    /// minute; the development server gives up after ``defaultCallTimeout`` so that a mistake shows in the answer
    /// to the `POST` that caused it (while a call is retried, the runtime is not idle and answers wait).
    public var runtime: LocalRuntime.Configuration
    /// Where the structured log goes (Docs/Operations.md): by default logfmt on standard error; `nil` turns it
    /// off. The runtime's batches are logged (a failed one at `error`, each retry again), and the server's start,
    /// limit hits and shutdown.
    public var logSink: (any LogSink)? = StructuredLogWriter()
    /// The least important level logged (default ``LogLevel/info``).
    public var logLevel: LogLevel = .info
    /// The metrics of the runtime's in-process batches and of the server's connections, served as Prometheus
    /// text on `GET /metrics` and readable in code, as `serve`'s (``ServeConfiguration/metrics``,
    /// Docs/Operations.md); `nil` turns metrics and the route off. Default: a registry of its own.
    public var metrics: MetricsRegistry? = MetricsRegistry()

    /// The retry budget of the development server's runtime, by default: 2 s.
    public static let defaultCallTimeout: Duration = .seconds(2)

    /// Creates a configuration with the documented defaults.
    public init(
        http: ServerConfiguration = ServerConfiguration(host: "127.0.0.1", port: 8090, eventLoopCount: 1),
        messageTypes: [any StateFunType.Type] = [],
        maxEgressRecords: Int = 10_000,
        maxEgressRecordBytes: Int = defaultMaxEgressRecordBytes,
        deliveryWait: Duration = .seconds(5),
        runtime: LocalRuntime.Configuration = LocalRuntime.Configuration(callTimeout: defaultCallTimeout)
    ) {
        self.http = http
        self.messageTypes = messageTypes
        self.maxEgressRecords = maxEgressRecords
        self.maxEgressRecordBytes = maxEgressRecordBytes
        self.deliveryWait = deliveryWait
        self.runtime = runtime
    }
}
