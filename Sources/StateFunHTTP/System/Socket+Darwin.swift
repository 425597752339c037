#if canImport(Darwin)
import Darwin

// The Darwin side of the socket seam (compiled on macOS; CI checks Linux only).
extension Socket {
    /// Darwin has no MSG_NOSIGNAL; SO_NOSIGPIPE is set on every socket instead.
    static let sendFlags: Int32 = 0

    /// socket + fcntl(O_NONBLOCK) + FD_CLOEXEC + SO_NOSIGPIPE.
    static func makeStreamSocket(family: Int32) -> Int32 {
        let fd = socket(family, SOCK_STREAM, 0)
        guard fd >= 0 else { return fd }
        configure(fd)
        return fd
    }

    /// accept, then the same configuration as a new socket.
    func acceptNonBlocking() -> Int32 {
        let accepted = Darwin.accept(fd, nil, nil)
        guard accepted >= 0 else { return accepted }
        Self.configure(accepted)
        return accepted
    }

    private static func configure(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    static func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { Darwin.listen(fd, backlog) }

    static func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        Darwin.connect(fd, address, length)
    }

    static func systemShutdown(_ fd: Int32, _ how: Int32) -> Int32 { Darwin.shutdown(fd, how) }

    static func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
}
#endif
