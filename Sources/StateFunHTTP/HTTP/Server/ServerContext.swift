import Synchronization

/// What every event loop of one server shares: the configuration, the responder, and the
/// process-wide connection count that ``HTTPLimits/maxConnections`` caps.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: HTTPResponder
    /// Where connection and limit events go; nil when nobody listens (the common test setup).
    let observer: HTTPServerObserver?
    let openConnections = Atomic<Int>(0)
    /// Connections over ``HTTPLimits/maxConnections`` being answered `503` and closed
    /// gracefully, capped by ``maxRejectedConnections``.
    let rejectedConnections = Atomic<Int>(0)
    /// Most connections over ``HTTPLimits/maxConnections`` held at once for their lingering
    /// close (each at most ``lingerTimeout``, 2 s by default); further ones are answered and
    /// closed at once. Bounds the descriptors a flood of connections can hold to
    /// `maxConnections` plus this (Docs/HTTPServer.md, "Limits").
    static let maxRejectedConnections = 256
    /// Body bytes charged by all connections (``HTTPLimits/maxBufferedBodyBytes``).
    let bufferedBodyBytes = Atomic<Int>(0)

    /// Timeouts in nanoseconds, computed once.
    let readTimeout: UInt64
    let idleTimeout: UInt64
    let lingerTimeout: UInt64
    /// At shutdown, how long a connection idle between requests stays open for a request
    /// already on its way (answered with `Connection: close`) before its lingering close:
    /// a client that writes its next request right after reading an answer (wrk, any
    /// pipelining-free keep-alive client) gets that request answered rather than a FIN.
    let shutdownIdleWindow: UInt64
    /// How often each loop checks its connections' deadlines: an eighth of the shortest
    /// timeout, between 5 ms and 1 s, so deadlines are met within about 12%.
    let tickInterval: UInt64

    init(configuration: HTTPServerConfiguration, observer: HTTPServerObserver?, responder: @escaping HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
        self.observer = observer
        readTimeout = MonotonicClock.nanoseconds(configuration.readTimeout)
        idleTimeout = MonotonicClock.nanoseconds(configuration.idleTimeout)
        lingerTimeout = min(readTimeout, 2_000_000_000)
        shutdownIdleWindow = min(idleTimeout, 200_000_000)
        let shortest = min(readTimeout, idleTimeout, max(lingerTimeout, 1))
        tickInterval = min(max(shortest / 8, 5_000_000), 1_000_000_000)
    }

    /// Charges `count` more body bytes if the budget allows; returns whether it did.
    func reserveBodyBytes(_ count: Int) -> Bool {
        let budget = configuration.limits.maxBufferedBodyBytes
        var current = bufferedBodyBytes.load(ordering: .relaxed)
        while true {
            guard current + count <= budget else { return false }
            let (exchanged, original) = bufferedBodyBytes.compareExchange(
                expected: current, desired: current + count, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Reports `event` to the observer, if any.
    @inline(__always)
    func report(_ event: HTTPServerEvent) {
        if let observer { observer(event) }
    }

    func releaseBodyBytes(_ count: Int) {
        if count > 0 { bufferedBodyBytes.subtract(count, ordering: .relaxed) }
    }
}
