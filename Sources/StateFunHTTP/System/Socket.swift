#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking stream socket: the file descriptor and the POSIX calls made on it.
///
/// This is the platform seam for sockets. The calls that differ between Linux and Darwin
/// (creating non-blocking sockets, accept4, suppressing SIGPIPE) live in `Socket+Glibc.swift`
/// and `Socket+Darwin.swift`; everything here is plain POSIX.
struct Socket: Hashable, Sendable {
    /// The file descriptor.
    let fd: Int32

    /// The outcome of one non-blocking read or write.
    enum IOResult: Equatable {
        /// This many bytes (> 0) were transferred.
        case transferred(Int)
        /// The call would block (EAGAIN): wait for readiness.
        case wouldBlock
        /// The peer closed its sending side (reads only).
        case endOfFile
        /// The call failed with this errno.
        case failed(Int32)
    }

    /// Creates, binds and listens on a socket for `address`.
    static func listen(on address: SocketAddress, backlog: Int32) throws(SystemError) -> Socket {
        let fd = makeStreamSocket(family: address.family)
        guard fd >= 0 else { throw SystemError.last("socket") }
        let socket = Socket(fd: fd)
        var on: Int32 = 1
        if address.family != AF_UNIX {
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        if address.family == AF_INET6 {
            // An explicit IPv6 address listens on IPv6 only; `::` therefore means IPv6 only
            // too, and the configuration can add an IPv4 listener if wanted.
            _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        guard bound == 0 else {
            let error = SystemError.last("bind")
            socket.close()
            throw error
        }
        guard Socket.systemListen(fd, backlog) == 0 else {
            let error = SystemError.last("listen")
            socket.close()
            throw error
        }
        return socket
    }

    /// Starts a non-blocking connect; returns the socket and whether the connection is
    /// still in progress (EINPROGRESS: wait for writability, then check ``pendingError()``).
    static func connect(to address: SocketAddress) throws(SystemError) -> (Socket, inProgress: Bool) {
        let fd = makeStreamSocket(family: address.family)
        guard fd >= 0 else { throw SystemError.last("socket") }
        let socket = Socket(fd: fd)
        let status = address.withSockaddr { Socket.systemConnect(fd, $0, $1) }
        if status == 0 { return (socket, false) }
        let error = SystemError.currentErrno()
        if error == EINPROGRESS || error == EAGAIN || error == EINTR { return (socket, true) }
        socket.close()
        throw SystemError(call: "connect", errno: error)
    }

    /// The outcome of one non-blocking accept.
    enum AcceptResult {
        /// A new connection, already non-blocking.
        case accepted(Socket)
        /// Nothing pending, or the pending connection failed before it was accepted.
        case nonePending
        /// Out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): the connection
        /// stays queued, and retrying at once would spin.
        case exhausted
    }

    /// Accepts one pending connection as a non-blocking socket.
    func accept() -> AcceptResult {
        while true {
            let fd = acceptNonBlocking()
            if fd >= 0 { return .accepted(Socket(fd: fd)) }
            let error = SystemError.currentErrno()
            if error == EINTR { continue }
            if error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM { return .exhausted }
            return .nonePending
        }
    }

    /// Reads into `buffer`.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .wouldBlock }
        while true {
            let count = recv(fd, base, buffer.count, 0)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .endOfFile }
            let error = SystemError.currentErrno()
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK { return .wouldBlock }
            return .failed(error)
        }
    }

    /// Writes `first` then `second` with one gathering `sendmsg` (so a response head and
    /// body leave in one system call), without raising SIGPIPE.
    func send(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> IOResult {
        var vectors = (
            iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count)
        )
        let vectorCount = (first.isEmpty ? 0 : 1) + (second.isEmpty ? 0 : 1)
        guard vectorCount > 0 else { return .transferred(0) }
        if first.isEmpty { vectors.0 = vectors.1 }
        return withUnsafeMutablePointer(to: &vectors) { pointer in
            pointer.withMemoryRebound(to: iovec.self, capacity: 2) { iov in
                var message = msghdr()
                message.msg_iov = iov
                message.msg_iovlen = numericCast(vectorCount)
                while true {
                    let count = sendmsg(fd, &message, Self.sendFlags)
                    if count >= 0 { return .transferred(count) }
                    let error = SystemError.currentErrno()
                    if error == EINTR { continue }
                    if error == EAGAIN || error == EWOULDBLOCK { return .wouldBlock }
                    return .failed(error)
                }
            }
        }
    }

    /// Disables Nagle's algorithm: responses are written whole, so delaying small segments
    /// only adds latency. Fails harmlessly on Unix-domain sockets.
    func setNoDelay() {
        var on: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Closes the sending side (FIN) but keeps receiving: the first step of a lingering
    /// close (RFC 9112 §9.6).
    func shutdownWrite() {
        _ = Socket.systemShutdown(fd, Int32(SHUT_WR))
    }

    /// Closes the descriptor.
    func close() {
        _ = Socket.systemClose(fd)
    }

    /// The locally bound address (getsockname).
    func localAddress() -> SocketAddress? {
        SocketAddress.fromSystem { getsockname(fd, $0, $1) }
    }

    /// The pending socket error (SO_ERROR), 0 if none: how a non-blocking connect reports
    /// its result.
    func pendingError() -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else {
            return SystemError.currentErrno()
        }
        return error
    }
}
