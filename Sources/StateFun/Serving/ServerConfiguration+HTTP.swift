package import StateFunHTTP

// The SDK's server settings are its own public types; StateFunHTTP (not a product) stays out of the public API.
// This file is the one place they meet: a setting added to the HTTP server is exposed by adding it to
// ServerConfiguration or ServerLimits and mapping it here.

extension ServerConfiguration {
    /// The number of online processors (at least 1).
    public static var processorCount: Int { HTTPServerConfiguration.processorCount }

    /// These settings as the HTTP server's configuration.
    package var httpServerConfiguration: HTTPServerConfiguration {
        HTTPServerConfiguration(
            host: host, port: port, unixSocketPath: unixSocketPath, limits: limits.httpLimits,
            readTimeout: readTimeout, idleTimeout: idleTimeout, shutdownGracePeriod: shutdownGracePeriod,
            eventLoopCount: eventLoopCount, runsRespondersOnEventLoops: runsRespondersOnEventLoops)
    }
}

extension ServerLimits {
    /// These limits as the HTTP server's.
    package var httpLimits: HTTPLimits {
        HTTPLimits(
            maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes, maxHeaderCount: maxHeaderCount,
            maxBodyBytes: maxBodyBytes, maxConnections: maxConnections, maxBufferedBodyBytes: maxBufferedBodyBytes)
    }
}

extension ServerAddress {
    /// The address the HTTP server reported.
    package init(_ address: HTTPServerAddress) {
        switch address {
        case .ipv4(let host, let port): self = .ipv4(host: host, port: port)
        case .ipv6(let host, let port): self = .ipv6(host: host, port: port)
        case .unix(let path): self = .unix(path: path)
        }
    }
}

extension StateFunError {
    /// Why the HTTP server could not start, as the SDK reports it.
    package init(_ error: HTTPServerError) {
        self = .serverFailed(error.description)
    }
}

extension ServerEvent {
    /// The HTTP server's event as the SDK reports it; nil for one it does not report.
    package init(_ event: HTTPServerEvent) {
        switch event {
        case .connectionOpened: self = .connectionOpened
        case .connectionClosed: self = .connectionClosed
        case .limitHit(let status, let limit): self = .limitHit(status: status, limit: limit, peer: nil)
        }
    }
}

extension Instrumentation {
    /// Passes the HTTP server's events on as ``ServerEvent``s.
    package var httpObserver: HTTPServerObserver {
        { event in self.serverEvent(ServerEvent(event)) }
    }
}
