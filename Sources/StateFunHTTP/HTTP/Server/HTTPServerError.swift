/// Why the server could not start.
public enum HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host is not a numeric IPv4 or IPv6 address nor `localhost`, the port is out of
    /// range, or the Unix socket path is empty or too long.
    case invalidAddress(String)
    /// Another socket is already bound to the address.
    case addressInUse(String)
    /// A system call failed; `errno` is the system's error number.
    case systemCallFailed(call: String, errno: Int32)
    /// ``HTTPServer/start()`` was called on a server that was already started or shut down.
    case alreadyStarted

    /// A readable explanation.
    public var description: String {
        switch self {
        case .invalidAddress(let address): "invalid listening address: \(address)"
        case .addressInUse(let address): "address already in use: \(address)"
        case .systemCallFailed(let call, let errno): "\(call) failed: \(SystemError.message(errno)) (errno \(errno))"
        case .alreadyStarted: "the server was already started"
        }
    }
}
