/// How the built-in HTTP server listens and what it accepts: the `http` part of ``ServeConfiguration`` and of
/// ``DevServerConfiguration`` (Docs/HTTPServer.md describes the server, its limits and its statuses).
///
/// ```swift
/// var configuration = ServeConfiguration()
/// configuration.http.host = "0.0.0.0"
/// configuration.http.port = 8000
/// configuration.http.limits.maxBodyBytes = 8 << 20
/// ```
public struct ServerConfiguration: Sendable {
    /// The numeric IPv4 or IPv6 address to listen on, or `localhost` (127.0.0.1): `0.0.0.0` for all IPv4
    /// interfaces (in a container, say), `::` for all IPv6 interfaces. Nil listens on no TCP port at all (only on
    /// ``unixSocketPath``). Default `127.0.0.1`.
    public var host: String?

    /// The TCP port; 0 picks a free ephemeral port (``DevServer/start()`` reports it). Default 8000.
    public var port: Int

    /// A Unix-domain socket path to listen on as well (the runtime's `http+unix://` endpoints). A stale socket
    /// file at the path is removed first, and the file is removed again at shutdown. Default nil.
    public var unixSocketPath: String?

    /// Size and count limits on every request; see ``ServerLimits``.
    public var limits: ServerLimits

    /// How long a client may take to send a whole request once its first byte arrived; over it the answer is
    /// `408 Request Timeout` and the connection is closed. Default 30 s.
    public var readTimeout: Duration

    /// How long a keep-alive connection may sit idle between requests, and how long a response write may make no
    /// progress, before the server closes the connection. Default 60 s.
    public var idleTimeout: Duration

    /// How long a shutdown waits for requests in flight before closing every connection. Default 10 s.
    public var shutdownGracePeriod: Duration

    /// How many event-loop threads to run. Default: the number of online processors.
    public var eventLoopCount: Int

    /// Opt-in: run each request's handling on the event-loop thread that received it instead of on Swift's
    /// cooperative pool. Saves two thread hand-offs per request; the price is that the loop's other connections
    /// wait while a handler computes. Default false.
    public var runsRespondersOnEventLoops: Bool

    /// Creates a configuration; every argument defaults to the value documented on its property.
    public init(
        host: String? = "127.0.0.1",
        port: Int = 8000,
        unixSocketPath: String? = nil,
        limits: ServerLimits = ServerLimits(),
        readTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        shutdownGracePeriod: Duration = .seconds(10),
        eventLoopCount: Int = ServerConfiguration.processorCount,
        runsRespondersOnEventLoops: Bool = false
    ) {
        self.host = host
        self.port = port
        self.unixSocketPath = unixSocketPath
        self.limits = limits
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.eventLoopCount = eventLoopCount
        self.runsRespondersOnEventLoops = runsRespondersOnEventLoops
    }
}
