#if canImport(Glibc)
import Glibc
import CStateFunSystem

// The Linux side of the socket seam.
extension Socket {
    /// Passed to sendmsg so a peer that went away yields EPIPE instead of killing the
    /// process with SIGPIPE.
    static let sendFlags: Int32 = CSTATEFUN_MSG_NOSIGNAL

    /// A non-blocking, close-on-exec stream socket in one call.
    static func makeStreamSocket(family: Int32) -> Int32 {
        cstatefun_stream_socket(family)
    }

    /// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC, so no extra fcntl per connection.
    func acceptNonBlocking() -> Int32 {
        cstatefun_accept_nonblocking(fd)
    }

    static func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { Glibc.listen(fd, backlog) }

    static func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        Glibc.connect(fd, address, length)
    }

    static func systemShutdown(_ fd: Int32, _ how: Int32) -> Int32 { Glibc.shutdown(fd, how) }

    static func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
}
#endif
