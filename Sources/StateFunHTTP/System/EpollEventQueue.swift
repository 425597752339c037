#if os(Linux)
import Glibc
import CStateFunSystem

/// ``EventQueue`` on Linux: a level-triggered epoll instance plus an eventfd for wake-ups.
final class EpollEventQueue: EventQueue, @unchecked Sendable {
    // @unchecked: the descriptors are immutable; `events` is touched only by the one thread
    // that calls wait, as the protocol requires.
    private let epollFD: Int32
    private let wakeFD: Int32
    private let events: UnsafeMutablePointer<cstatefun_event>
    private static let capacity: Int32 = 256

    init() throws(SystemError) {
        epollFD = cstatefun_epoll_create()
        guard epollFD >= 0 else { throw SystemError.last("epoll_create1") }
        wakeFD = cstatefun_eventfd_create()
        guard wakeFD >= 0 else {
            let error = SystemError.last("eventfd")
            Glibc.close(epollFD)
            throw error
        }
        events = .allocate(capacity: Int(Self.capacity))
        guard cstatefun_epoll_ctl(epollFD, CSTATEFUN_EPOLL_CTL_ADD, wakeFD, CSTATEFUN_EPOLLIN, Self.wakeToken) == 0
        else {
            let error = SystemError.last("epoll_ctl")
            Glibc.close(wakeFD)
            Glibc.close(epollFD)
            events.deallocate()
            throw error
        }
    }

    private static func mask(_ interest: IOInterest) -> UInt32 {
        var mask: UInt32 = 0
        if interest.contains(.read) { mask |= CSTATEFUN_EPOLLIN | CSTATEFUN_EPOLLRDHUP }
        if interest.contains(.write) { mask |= CSTATEFUN_EPOLLOUT }
        return mask
    }

    func add(_ fd: Int32, token: UInt64, interest: IOInterest, exclusive: Bool) throws(SystemError) {
        // EPOLLEXCLUSIVE admits only IN/OUT (not RDHUP), which is all a listener needs.
        let mask =
            exclusive
            ? (interest.contains(.read) ? CSTATEFUN_EPOLLIN : 0) | CSTATEFUN_EPOLLEXCLUSIVE
            : Self.mask(interest)
        guard cstatefun_epoll_ctl(epollFD, CSTATEFUN_EPOLL_CTL_ADD, fd, mask, token) == 0 else {
            throw SystemError.last("epoll_ctl")
        }
    }

    func modify(_ fd: Int32, token: UInt64, interest: IOInterest) {
        _ = cstatefun_epoll_ctl(epollFD, CSTATEFUN_EPOLL_CTL_MOD, fd, Self.mask(interest), token)
    }

    func remove(_ fd: Int32) {
        _ = cstatefun_epoll_ctl(epollFD, CSTATEFUN_EPOLL_CTL_DEL, fd, 0, 0)
    }

    func wait(timeoutMilliseconds: Int32, _ handle: (IOEvent) -> Void) {
        let count = cstatefun_epoll_wait(epollFD, events, Self.capacity, timeoutMilliseconds)
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let event = events[index]
            if event.token == Self.wakeToken {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, MemoryLayout<UInt64>.size)
                handle(IOEvent(token: Self.wakeToken, readable: true, writable: false, failed: false))
                continue
            }
            let failed = event.events & (CSTATEFUN_EPOLLERR | CSTATEFUN_EPOLLHUP) != 0
            handle(
                IOEvent(
                    token: event.token,
                    readable: event.events & (CSTATEFUN_EPOLLIN | CSTATEFUN_EPOLLRDHUP) != 0,
                    writable: event.events & CSTATEFUN_EPOLLOUT != 0,
                    failed: failed
                ))
        }
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, MemoryLayout<UInt64>.size)
    }

    func close() {
        Glibc.close(wakeFD)
        Glibc.close(epollFD)
        events.deallocate()
    }
}
#endif
