package import StateFunHTTP

/// An endpoint URL taken apart for the HTTP client: the server address and the request path.
///
/// Accepts `http://host[:port][/path]` with a numeric IPv4 address, a bracketed IPv6 address or `localhost`
/// (the client resolves no other names), and `http+unix://` URLs whose path runs up to a segment ending in
/// `.sock` (the socket file) followed by the HTTP path, as the runtime's OkHttp transport reads them.
package struct EndpointURL: Sendable, Hashable {
    package var address: HTTPServerAddress
    package var path: String

    package init(parsing url: String) throws(RuntimeError) {
        if url.hasPrefix("http+unix://") {
            let rest = url.dropFirst("http+unix://".count)
            let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard let socketIndex = segments.firstIndex(where: { $0.hasSuffix(".sock") }) else {
                throw .unsupportedURL(url, reason: "an http+unix URL needs a path segment ending in '.sock'")
            }
            let socket = segments[...socketIndex].joined(separator: "/")
            let path = segments[(socketIndex + 1)...].joined(separator: "/")
            address = .unix(path: socket.hasPrefix("/") ? socket : "/" + socket)
            self.path = "/" + path
            return
        }
        guard url.hasPrefix("http://") else {
            throw .unsupportedURL(url, reason: "only http:// and http+unix:// URLs are supported (no TLS)")
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let pathPart = rest.dropFirst(authority.count)
        path = pathPart.isEmpty ? "/" : (pathPart.hasPrefix("?") ? "/" + pathPart : String(pathPart))
        var host = Substring(authority)
        var port = 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw .unsupportedURL(url, reason: "unclosed '['") }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()) else { throw .unsupportedURL(url, reason: "invalid port") }
                port = value
            } else if !after.isEmpty {
                throw .unsupportedURL(url, reason: "unexpected text after the IPv6 address")
            }
        } else if let colon = host.lastIndex(of: ":") {
            guard let value = Int(host[host.index(after: colon)...]) else {
                throw .unsupportedURL(url, reason: "invalid port")
            }
            port = value
            host = host[..<colon]
        }
        guard (1...65535).contains(port) else { throw .unsupportedURL(url, reason: "port \(port) is out of range") }
        if host == "localhost" {
            address = .ipv4(host: "127.0.0.1", port: port)
        } else if host.contains(":") {
            address = .ipv6(host: String(host), port: port)
        } else if Self.isIPv4(host) {
            address = .ipv4(host: String(host), port: port)
        } else {
            throw .unsupportedURL(
                url, reason: "the host must be a numeric IP address or 'localhost' (the local runtime resolves no names)")
        }
    }

    private static func isIPv4(_ host: Substring) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && (Int(part) ?? 256) <= 255
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
