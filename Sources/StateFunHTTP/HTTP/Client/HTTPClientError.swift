/// Why an ``HTTPClient`` operation failed.
public enum HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The address is not a numeric IP address, `localhost` or a valid Unix socket path.
    case invalidAddress(String)
    /// Connecting failed; `errno` is the system's error number (e.g. ECONNREFUSED).
    case connectFailed(errno: Int32)
    /// Sending or receiving failed with the system error `errno` (e.g. ECONNRESET, EPIPE).
    case ioFailed(errno: Int32)
    /// The peer closed the connection before a complete response arrived.
    case connectionClosed
    /// The operation did not complete within the client's timeout.
    case timedOut
    /// The bytes received are not a valid HTTP/1.1 response.
    case invalidResponse(String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .invalidAddress(let address): "invalid address: \(address)"
        case .connectFailed(let errno): "connect failed: \(SystemError.message(errno))"
        case .ioFailed(let errno): "I/O failed: \(SystemError.message(errno))"
        case .connectionClosed: "connection closed by peer"
        case .timedOut: "timed out"
        case .invalidResponse(let reason): "invalid response: \(reason)"
        }
    }
}
