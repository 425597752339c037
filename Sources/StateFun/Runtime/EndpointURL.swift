package import StateFunHTTP

/// An endpoint URL taken apart for the HTTP client: the server address and the request path.
///
/// The parsing is StateFunHTTP's ``HTTPEndpoint`` (the one parser of endpoint URLs in the package): `http://host
/// [:port][/path]` with a numeric IPv4 address, a bracketed IPv6 address or `localhost` (the client resolves no
/// other names), and `http+unix:///…/name.sock/path`, whose socket file is the absolute path up to the first
/// segment ending in `.sock`, as the runtime's OkHttp transport reads it (`UnixDomainHttpEndpoint`; protocol.md
/// §4). This type adds what a client needs on top: a port to connect to, and a reason when a URL is refused.
package struct EndpointURL: Sendable, Hashable {
    package var address: HTTPServerAddress
    package var path: String

    package init(parsing url: String) throws(RuntimeError) {
        guard let endpoint = HTTPEndpoint(url: url) else { throw .unsupportedURL(url, reason: Self.reason(url)) }
        if let port = endpoint.address.port, port == 0 {
            throw .unsupportedURL(url, reason: "port 0 names no server to connect to")
        }
        address = endpoint.address
        path = endpoint.path
    }

    /// Why ``HTTPEndpoint`` refused `url`, for the runtime's failure report.
    private static func reason(_ url: String) -> String {
        if url.hasPrefix("http+unix://") {
            return "an http+unix URL needs an absolute socket path with a segment ending in '.sock' "
                + "(http+unix:///run/functions.sock/statefun)"
        }
        guard url.hasPrefix("http://") else { return "only http:// and http+unix:// URLs are supported (no TLS)" }
        return "the host must be a numeric IP address or 'localhost' (the local runtime resolves no names), "
            + "with a port from 1 to 65535"
    }
}
