/// How a batch ended.
public struct BatchOutcome: Sendable {
    /// The kinds of ending.
    public enum Status: String, Sendable, CaseIterable {
        /// Every invocation ran (some may have been dead-lettered or discarded under the function's failure
        /// policy: see ``BatchOutcome/skippedInvocations``); the answer carries the effects.
        case success
        /// An invocation failed and the batch is answered with an error (500): the runtime retries it whole.
        case failure
        /// 3.x: the runtime did not send a state the function declares; the answer lists them, nothing ran.
        case incompleteContext = "incomplete_context"
    }

    /// How the batch ended.
    public var status: Status
    /// How long the batch took, from decoding to the encoded answer.
    public var duration: Duration
    /// The failure that failed the batch (``Status/failure``), or `nil`.
    public var failure: FailureReport?
    /// Invocations whose permanent failure was dead-lettered or discarded, the batch going on without their
    /// effects; empty when none was.
    public var skippedInvocations: [FailureReport]
    /// 3.x missing-state handshake: the names of the states the runtime did not send.
    public var missingStates: [String]
    /// The effects the answer carries.
    public var effects: EffectCounts
    /// The answer's size in bytes (0 on failure).
    public var responseBytes: Int

    /// Creates an outcome.
    public init(
        status: Status, duration: Duration, failure: FailureReport? = nil, skippedInvocations: [FailureReport] = [],
        missingStates: [String] = [], effects: EffectCounts = EffectCounts(), responseBytes: Int = 0
    ) {
        self.status = status
        self.duration = duration
        self.failure = failure
        self.skippedInvocations = skippedInvocations
        self.missingStates = missingStates
        self.effects = effects
        self.responseBytes = responseBytes
    }
}
