/// How an app is served over HTTP: the built-in server's settings and the routes of the function endpoint.
///
/// ```swift
/// var configuration = ServeConfiguration()
/// configuration.http.port = 8000
/// configuration.http.limits.maxBodyBytes = 8 << 20
/// try await app.serve(configuration)
/// ```
public struct ServeConfiguration: Sendable {
    /// The HTTP server: host, port, Unix socket, limits, timeouts, event loops (Docs/HTTPServer.md).
    public var http: ServerConfiguration
    /// The path the runtime POSTs to (default `/statefun`). Paths following the app's endpoint URL templates
    /// (`{function.name}`) are served as well.
    public var path: String
    /// The request-reply protocol (default 3.x).
    public var protocolVersion: ProtocolVersion
    /// Whether `GET /describe` answers the app's JSON summary (default true).
    public var servesDescribe: Bool
    /// Limits on one batch: invocations per request (over it: `413`) and the size of an answer (see
    /// ``BatchLimits`` for the defaults and why).
    public var batchLimits = BatchLimits()
    /// Where the structured log goes (Docs/Operations.md): by default a ``StructuredLogWriter`` writing logfmt to
    /// standard error; `nil` turns the log off. Give your own ``LogSink`` to send the records elsewhere.
    public var logSink: (any LogSink)? = StructuredLogWriter()
    /// The least important level logged (default ``LogLevel/info``).
    public var logLevel: LogLevel = .info
    /// The metrics of every batch, served as Prometheus text on `GET /metrics` and readable in code; `nil` turns
    /// metrics and the route off. Default: a registry of its own.
    public var metrics: MetricsRegistry? = MetricsRegistry()
    /// More instrumentation (a tracing bridge, say), called beside the log and the metrics. Default `nil`.
    public var instrumentation: (any Instrumentation)?

    /// Creates a configuration with the documented defaults.
    public init(
        http: ServerConfiguration = ServerConfiguration(), path: String = "/statefun",
        protocolVersion: ProtocolVersion = .v3, servesDescribe: Bool = true
    ) {
        self.http = http
        self.path = path
        self.protocolVersion = protocolVersion
        self.servesDescribe = servesDescribe
    }
}
