/// A function endpoint URL as written in a StateFun module (`urlPathTemplate` with the
/// function type already substituted), split into where to connect and what path to request.
///
/// Two schemes are understood:
/// * `http://host[:port]/path`: host a numeric IPv4 address, a bracketed IPv6 address or
///   `localhost` (no DNS: resolving would block); port 80 if omitted.
/// * `http+unix:///run/functions.sock/path`: the socket is the path up to and including the
///   first component ending in `.sock`, as the StateFun runtime splits it; the rest is the
///   request path (`/` if empty).
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Where to connect.
    public var address: HTTPServerAddress
    /// The request target to send, starting with `/`.
    public var path: String

    /// Creates an endpoint from its parts.
    public init(address: HTTPServerAddress, path: String) {
        self.address = address
        self.path = path.hasPrefix("/") ? path : "/" + path
    }

    /// Parses an endpoint URL; nil if the scheme is neither `http` nor `http+unix`, or the
    /// host or socket path cannot be used.
    public init?(url: String) {
        if url.hasPrefix("http+unix://") {
            let rest = url.dropFirst("http+unix://".count)
            var components = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard let socketEnd = components.firstIndex(where: { $0.hasSuffix(".sock") }) else { return nil }
            let socketPath = components[...socketEnd].joined(separator: "/")
            components.removeSubrange(...socketEnd)
            guard socketPath.hasPrefix("/") else { return nil }
            self.init(address: .unix(path: socketPath), path: "/" + components.joined(separator: "/"))
            return
        }
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        var host = Substring(authority)
        var port = 80
        if let closing = authority.lastIndex(of: "]") {
            // [v6-address]:port
            host = authority[...closing]
            let after = authority[authority.index(after: closing)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let parsed = Int(after.dropFirst()) else { return nil }
                port = parsed
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let parsed = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = parsed
        }
        guard (0...65535).contains(port), let address = SocketAddress.resolve(host: String(host), port: port) else {
            return nil
        }
        self.init(address: address, path: path)
    }

    /// The URL form: `http://127.0.0.1:8000/statefun` or `http+unix:///x.sock/statefun`.
    public var description: String {
        switch address {
        case .ipv4, .ipv6: "http://\(address)\(path)"
        case .unix(let socket): "http+unix://\(socket)\(path)"
        }
    }
}
