#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything an ``HTTPServer`` needs to know, with documented defaults.
public struct HTTPServerConfiguration: Sendable {
    /// The numeric IPv4 or IPv6 address to listen on, or `localhost` (127.0.0.1).
    /// Use `0.0.0.0` for all IPv4 interfaces (e.g. in a container) and `::` for all IPv6
    /// interfaces (IPv6 only). Nil listens on TCP not at all (only on ``unixSocketPath``).
    /// Default `127.0.0.1`.
    public var host: String?

    /// The TCP port; 0 picks a free ephemeral port, reported by ``HTTPServer/start()``.
    /// Default 8000.
    public var port: Int

    /// A Unix-domain socket path to listen on as well (the runtime's `http+unix://`
    /// endpoints). A stale socket file at the path is removed first; the file is removed
    /// again at shutdown. Default nil.
    public var unixSocketPath: String?

    /// Size and count limits; see ``HTTPLimits``.
    public var limits: HTTPLimits

    /// How long a client may take to send a whole request once its first byte arrived
    /// (request line, headers and body). Over it: `408 Request Timeout` and close.
    /// Also how long a connection lingers after an error response, at most 2 s.
    /// Default 30 s.
    public var readTimeout: Duration

    /// How long a keep-alive connection may sit idle between requests before the server
    /// closes it silently, and how long a response write may make no progress (a client
    /// that stopped reading) before the connection is dropped. The runtime's clients
    /// reconnect transparently when a pooled connection was closed, so this only bounds
    /// resources. Default 60 s.
    public var idleTimeout: Duration

    /// How long ``HTTPServer/shutdown()`` waits for in-flight requests before closing every
    /// connection. Default 10 s.
    public var shutdownGracePeriod: Duration

    /// How many event-loop threads to run. Default: the number of online processors.
    public var eventLoopCount: Int

    /// Opt-in: run each responder on the event-loop thread that received its request (the
    /// responder's task prefers that loop as its executor) instead of on the cooperative
    /// pool. This saves two thread hand-offs per request, which is most of the server's
    /// per-request cost for cheap responders. The price: while a responder computes, the
    /// other connections of its loop wait, and a responder that blocks its thread blocks
    /// the loop. Default false.
    public var runsRespondersOnEventLoops: Bool

    /// Creates a configuration; every argument defaults to the value documented on its property.
    public init(
        host: String? = "127.0.0.1",
        port: Int = 8000,
        unixSocketPath: String? = nil,
        limits: HTTPLimits = HTTPLimits(),
        readTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        shutdownGracePeriod: Duration = .seconds(10),
        eventLoopCount: Int = HTTPServerConfiguration.processorCount,
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

    /// The number of online processors (at least 1).
    public static var processorCount: Int { ThreadHint.processors }
}
