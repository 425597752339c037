import Synchronization

/// The readiness loop behind every ``HTTPClient``: one dedicated thread running an
/// ``EventQueue``, on which client tasks await "readable" or "writable" instead of
/// blocking a cooperative-pool thread in recv, send or connect.
///
/// Descriptors are registered with an empty interest; a waiting task sets the interest it
/// needs and the loop clears it again when it resumes the task (level-triggered, so a
/// descriptor that is already ready is reported at once and no readiness is lost between
/// a would-block and the wait).
final class ClientIOLoop: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
        let deadline: UInt64
    }

    private struct Waiters {
        var read: Waiter?
        var write: Waiter?
        var interest: IOInterest {
            var interest: IOInterest = []
            if read != nil { interest.insert(.read) }
            if write != nil { interest.insert(.write) }
            return interest
        }
    }

    private struct State {
        var table: [Int32: Waiters] = [:]
        var nextID: UInt64 = 0
        /// Sockets in a lingering close, with their deadline (see ``closeGracefully(_:linger:)``).
        var lingering: [Int32: (socket: Socket, deadline: UInt64)] = [:]
    }

    private let queue: SystemEventQueue
    private let state = Mutex(State())

    /// The process-wide loop, started on first use; nil if its thread could not start.
    static let shared: ClientIOLoop? = {
        guard let loop = try? ClientIOLoop() else { return nil }
        do {
            try SystemThread.spawn(name: "http-client-io") { loop.run() }
        } catch {
            return nil
        }
        return loop
    }()

    private init() throws(SystemError) {
        queue = try SystemEventQueue()
    }

    /// Starts watching `fd` (with no interest yet).
    func register(_ fd: Int32) throws(SystemError) {
        state.withLock { $0.table[fd] = Waiters() }
        try queue.add(fd, token: UInt64(UInt32(bitPattern: fd)), interest: [], exclusive: false)
    }

    /// Stops watching `fd`, failing any task still waiting on it; call before closing it.
    func unregister(_ fd: Int32) {
        let waiters = state.withLock { $0.table.removeValue(forKey: fd) }
        queue.remove(fd)
        waiters?.read?.continuation.resume(throwing: HTTPClientError.connectionClosed)
        waiters?.write?.continuation.resume(throwing: HTTPClientError.connectionClosed)
    }

    /// Closes `socket` the way RFC 9112 §9.6 asks of any HTTP peer: shut down the sending
    /// side (the server reads end-of-file), then read and discard whatever the server still
    /// sends until it closes too or `linger` nanoseconds pass, and only then close. Closing
    /// with unread input would make the kernel send a reset instead. `socket` must not be
    /// registered for waits any more (``unregister(_:)``); this loop owns it from here on.
    func closeGracefully(_ socket: Socket, linger: UInt64) {
        socket.shutdownWrite()
        if Self.discardInput(socket) {
            socket.close()
            return
        }
        let deadline = MonotonicClock.now() &+ linger
        state.withLock { $0.lingering[socket.fd] = (socket, deadline) }
        do {
            try queue.add(socket.fd, token: UInt64(UInt32(bitPattern: socket.fd)), interest: .read, exclusive: false)
        } catch {
            _ = state.withLock { $0.lingering.removeValue(forKey: socket.fd) }
            socket.close()
        }
    }

    /// Reads and drops what is available; returns true once the peer has closed (or the
    /// socket failed), i.e. once it can be closed without a reset.
    private static func discardInput(_ socket: Socket) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
            while true {
                switch socket.receive(into: scratch) {
                case .transferred: continue
                case .wouldBlock: return false
                case .endOfFile, .failed: return true
                }
            }
        }
    }

    private func finishLingering(_ fd: Int32) {
        guard let entry = state.withLock({ $0.lingering.removeValue(forKey: fd) }) else { return }
        queue.remove(fd)
        entry.socket.close()
    }

    /// Returns when `fd` is ready for `interest` (`.read` or `.write`), or throws
    /// ``HTTPClientError/timedOut`` after `timeout` nanoseconds, or `CancellationError`.
    func wait(_ fd: Int32, for interest: IOInterest, timeout: UInt64) async throws {
        let deadline = MonotonicClock.now() &+ timeout
        let id = state.withLock { state -> UInt64 in
            state.nextID &+= 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let waiter = Waiter(id: id, continuation: continuation, deadline: deadline)
                let newInterest = state.withLock { state -> IOInterest? in
                    guard var waiters = state.table[fd] else { return nil }
                    if interest.contains(.read) { waiters.read = waiter } else { waiters.write = waiter }
                    state.table[fd] = waiters
                    return waiters.interest
                }
                guard let newInterest else {
                    continuation.resume(throwing: HTTPClientError.connectionClosed)
                    return
                }
                queue.modify(fd, token: UInt64(UInt32(bitPattern: fd)), interest: newInterest)
                if Task.isCancelled { cancel(fd, id: id) }
            }
        } onCancel: {
            cancel(fd, id: id)
        }
    }

    private func cancel(_ fd: Int32, id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard var waiters = state.table[fd] else { return nil }
            var found: Waiter?
            if waiters.read?.id == id {
                found = waiters.read
                waiters.read = nil
            } else if waiters.write?.id == id {
                found = waiters.write
                waiters.write = nil
            }
            state.table[fd] = waiters
            return found
        }
        waiter?.continuation.resume(throwing: CancellationError())
    }

    private func run() {
        while true {
            var ready: [(Waiter, (any Error)?)] = []
            queue.wait(timeoutMilliseconds: 20) { event in
                guard event.token != SystemEventQueue.wakeToken else { return }
                let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: event.token))
                if let lingering = state.withLock({ $0.lingering[fd] }) {
                    if event.failed || Self.discardInput(lingering.socket) { finishLingering(fd) }
                    return
                }
                state.withLock { state in
                    guard var waiters = state.table[fd] else { return }
                    if event.readable || event.failed, let waiter = waiters.read {
                        ready.append((waiter, nil))
                        waiters.read = nil
                    }
                    if event.writable || event.failed, let waiter = waiters.write {
                        ready.append((waiter, nil))
                        waiters.write = nil
                    }
                    state.table[fd] = waiters
                    queue.modify(fd, token: event.token, interest: waiters.interest)
                }
            }
            let now = MonotonicClock.now()
            let expired = state.withLock { state in state.lingering.filter { $0.value.deadline <= now }.map(\.key) }
            for fd in expired { finishLingering(fd) }
            state.withLock { state in
                for (fd, var waiters) in state.table {
                    var changed = false
                    if let waiter = waiters.read, waiter.deadline <= now {
                        ready.append((waiter, HTTPClientError.timedOut))
                        waiters.read = nil
                        changed = true
                    }
                    if let waiter = waiters.write, waiter.deadline <= now {
                        ready.append((waiter, HTTPClientError.timedOut))
                        waiters.write = nil
                        changed = true
                    }
                    if changed {
                        state.table[fd] = waiters
                        queue.modify(fd, token: UInt64(UInt32(bitPattern: fd)), interest: waiters.interest)
                    }
                }
            }
            for (waiter, error) in ready {
                if let error {
                    waiter.continuation.resume(throwing: error)
                } else {
                    waiter.continuation.resume()
                }
            }
        }
    }
}
