/// A batch the local runtime gave up on: its call kept failing until the retry budget was used up, failed in a
/// way that is not retried, or its effects could not be applied.
///
/// In a Flink job this fails the job, which restarts from its last checkpoint and sends the batch again. The
/// local runtime has no checkpoints: it drops the batch (its messages are not delivered, its effects are not
/// applied, the address's state is untouched), records this report in ``LocalRuntime/failures``, and goes on
/// with the next messages for the address.
public struct RuntimeFailure: Sendable, Equatable, CustomStringConvertible {
    /// The function instance the batch was for.
    public let address: Address
    /// How many times the last request was sent (1 when it failed at once or its answer was rejected).
    public let attempts: Int
    /// The last failure.
    public let error: RuntimeError
    /// The messages of the dropped batch, in arrival order.
    public let droppedMessages: [Message]
    /// The runtime clock's time when the runtime gave up.
    public let time: Duration

    /// Creates a report.
    public init(address: Address, attempts: Int, error: RuntimeError, droppedMessages: [Message], time: Duration) {
        self.address = address
        self.attempts = attempts
        self.error = error
        self.droppedMessages = droppedMessages
        self.time = time
    }

    /// A readable form, for logs and error messages.
    public var description: String {
        let count = droppedMessages.count
        return "gave up on a batch of \(count) message\(count == 1 ? "" : "s") for \(address) after \(attempts) "
            + "attempt\(attempts == 1 ? "" : "s"): \(error)"
    }
}
