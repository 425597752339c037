/// Where a server of this SDK listens: what ``DevServer/start()`` returns.
public enum ServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address (numeric, e.g. `127.0.0.1`) and TCP port.
    case ipv4(host: String, port: Int)
    /// An IPv6 address (numeric, without brackets, e.g. `::1`) and TCP port.
    case ipv6(host: String, port: Int)
    /// A Unix-domain stream socket at a file-system path.
    case unix(path: String)

    /// The TCP port, or nil for a Unix-domain socket.
    public var port: Int? {
        switch self {
        case .ipv4(_, let port), .ipv6(_, let port): port
        case .unix: nil
        }
    }

    /// `127.0.0.1:8000`, `[::1]:8000` or `unix:/path`.
    public var description: String {
        switch self {
        case .ipv4(let host, let port): "\(host):\(port)"
        case .ipv6(let host, let port): "[\(host)]:\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}
