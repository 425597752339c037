/// The time source of a ``LocalRuntime``: it measures delays of delayed messages, state expiration and the
/// retry budget of failing calls, and the runtime sleeps on it while it waits for them.
///
/// Time is a `Duration` since the clock's origin. ``WallClock`` follows real time; ``ManualClock`` moves only
/// when a test advances it, so delays, expirations and retries run without any real waiting.
public protocol RuntimeClock: Sendable {
    /// The current time, as the duration since the clock's origin.
    var now: Duration { get }
    /// Suspends until ``now`` has reached `deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Duration) async throws
}
