import Synchronization

/// A clock that moves only when told to: tests drive delayed messages, state expiration and retry backoff
/// with it, without sleeping.
///
/// Prefer ``LocalRuntime/advance(by:)``, which moves this clock from deadline to deadline and lets the runtime
/// process everything due at each one, in time order. ``advance(by:)`` here only moves the time and wakes the
/// sleepers whose deadline has passed; a runtime then handles everything that became due at once, at the new
/// time.
public final class ManualClock: RuntimeClock {
    private struct Sleeper {
        var deadline: Duration
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Duration
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates a clock that reads `now` (zero by default) until advanced.
    public init(now: Duration = .zero) {
        state = Mutex(State(now: now))
    }

    /// The current time, measured from the clock's origin.
    public var now: Duration { state.withLock { $0.now } }

    /// Moves the time forward by `duration`; a negative duration leaves it unchanged (the clock never goes back).
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        let target = state.withLock { $0.now + duration }
        advance(to: target)
    }

    /// Moves the time forward to `instant`; an instant in the past leaves it unchanged.
    public func advance(to instant: Duration) {
        let due = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard instant > state.now else { return [] }
            state.now = instant
            let ids = state.sleepers.filter { $0.value.deadline <= instant }.map(\.key)
            return ids.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in due { continuation.resume() }
    }

    /// Suspends until the clock has been advanced to `deadline` (returns at once if it already has).
    public func sleep(until deadline: Duration) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
