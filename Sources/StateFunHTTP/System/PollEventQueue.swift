#if !os(Linux)
#if canImport(Darwin)
import Darwin
#endif
import Synchronization

/// ``EventQueue`` where epoll is missing (Darwin): poll(2) over a registry, with a pipe
/// for wake-ups. Level-triggered like the epoll queue; O(descriptors) per wait, which is
/// acceptable for a development platform.
final class PollEventQueue: EventQueue, Sendable {
    private struct Registration: Sendable {
        var token: UInt64
        var interest: IOInterest
    }

    private let registry = Mutex<[Int32: Registration]>([:])
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init() throws(SystemError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SystemError.last("pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    func add(_ fd: Int32, token: UInt64, interest: IOInterest, exclusive: Bool) throws(SystemError) {
        registry.withLock { $0[fd] = Registration(token: token, interest: interest) }
        wake()
    }

    func modify(_ fd: Int32, token: UInt64, interest: IOInterest) {
        registry.withLock { $0[fd] = Registration(token: token, interest: interest) }
        // The poller works on a snapshot; wake it so the new interest takes effect.
        wake()
    }

    func remove(_ fd: Int32) {
        _ = registry.withLock { $0.removeValue(forKey: fd) }
        wake()
    }

    func wait(timeoutMilliseconds: Int32, _ handle: (IOEvent) -> Void) {
        let snapshot = registry.withLock { $0 }
        var fds: [pollfd] = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        var tokens: [UInt64] = [Self.wakeToken]
        for (fd, registration) in snapshot {
            var events: Int16 = 0
            if registration.interest.contains(.read) { events |= Int16(POLLIN) }
            if registration.interest.contains(.write) { events |= Int16(POLLOUT) }
            fds.append(pollfd(fd: fd, events: events, revents: 0))
            tokens.append(registration.token)
        }
        let count = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
        guard count > 0 else { return }
        for (index, entry) in fds.enumerated() where entry.revents != 0 {
            if index == 0 {
                var scratch = [UInt8](repeating: 0, count: 64)
                while read(wakeRead, &scratch, scratch.count) > 0 {}
                handle(IOEvent(token: Self.wakeToken, readable: true, writable: false, failed: false))
                continue
            }
            let revents = Int32(entry.revents)
            handle(
                IOEvent(
                    token: tokens[index],
                    readable: revents & (POLLIN | POLLHUP) != 0,
                    writable: revents & POLLOUT != 0,
                    failed: revents & (POLLERR | POLLHUP | POLLNVAL) != 0
                ))
        }
    }

    func wake() {
        var one: UInt8 = 1
        _ = write(wakeWrite, &one, 1)
    }

    func close() {
        _ = Darwin.close(wakeRead)
        _ = Darwin.close(wakeWrite)
    }
}
#endif
