/// How an invocation ended.
public struct InvocationOutcome: Sendable {
    /// How long its handler ran.
    public var duration: Duration
    /// Its failure, or `nil` when it succeeded.
    public var failure: FailureReport?

    /// Creates an outcome.
    public init(duration: Duration, failure: FailureReport? = nil) {
        self.duration = duration
        self.failure = failure
    }

    /// Whether the invocation succeeded.
    public var succeeded: Bool { failure == nil }
}
