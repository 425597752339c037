/// Real, monotonic time (Swift's `ContinuousClock`) counted from the moment the clock was created: the default
/// clock of a ``LocalRuntime``, and the one the development server uses.
public struct WallClock: RuntimeClock {
    private let origin: ContinuousClock.Instant

    /// Creates a clock whose ``now`` is zero at this moment.
    public init() {
        origin = ContinuousClock.now
    }

    /// The current time, measured from the clock's origin.
    public var now: Duration { ContinuousClock.now - origin }

    /// Suspends until the clock reaches `deadline`.
    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline)
    }
}
