/// The readiness-notification seam: epoll on Linux (``EpollEventQueue``), poll(2) on
/// Darwin (``PollEventQueue``).
///
/// Semantics are level-triggered on every platform: a descriptor is reported for as long
/// as it is ready for something in its interest, so the owner changes the interest when it
/// wants to stop hearing about a readiness (e.g. a connection whose input is paused). Only
/// ``wait(timeoutMilliseconds:_:)`` must be called from one thread at a time; the other
/// methods may be called from any thread.
protocol EventQueue: AnyObject, Sendable {
    /// Registers `fd` with `token`. `exclusive` asks that only one of several queues sharing
    /// a listening socket be woken per readiness (EPOLLEXCLUSIVE); it is a hint.
    func add(_ fd: Int32, token: UInt64, interest: IOInterest, exclusive: Bool) throws(SystemError)
    /// Changes what `fd` is reported for.
    func modify(_ fd: Int32, token: UInt64, interest: IOInterest)
    /// Unregisters `fd`; call before closing it.
    func remove(_ fd: Int32)
    /// Waits up to `timeoutMilliseconds` (-1: forever) and calls `handle` for each event.
    /// A ``wake()`` is consumed here and reported as one event with ``wakeToken``.
    func wait(timeoutMilliseconds: Int32, _ handle: (IOEvent) -> Void)
    /// Makes a concurrent or the next ``wait(timeoutMilliseconds:_:)`` return; callable from
    /// any thread.
    func wake()
    /// Releases the queue's own descriptors. The queue must not be used afterwards.
    func close()
}

extension EventQueue {
    /// The token of wake-up events.
    static var wakeToken: UInt64 { UInt64.max }
}

#if os(Linux)
/// The event queue used on this platform.
typealias SystemEventQueue = EpollEventQueue
#else
/// The event queue used on this platform.
typealias SystemEventQueue = PollEventQueue
#endif
