/// What a function does with an invocation that fails **permanently** (Docs/Operations.md, "Failure policy").
///
/// Failures are classified first (``FailureReport/Kind``): a transient failure is always retried — the batch is
/// answered with an error and the runtime sends it again — whatever the policy. A permanent one (no handler for
/// the message's type, an argument or state that does not decode, a state type mismatch, an error marked
/// ``PermanentFailure``) would fail the same way on every retry, so the policy decides:
///
/// - ``retry`` (the default): as for a transient failure; the runtime retries until its own timeout.
/// - ``discard``: the failed invocation's effects and state changes are dropped, the rest of the batch runs and
///   the batch is answered normally.
/// - ``deadLetter(to:topic:)``: as `discard`, plus one record describing the invocation sent to an egress.
public enum FailurePolicy: Sendable, Equatable {
    /// Answer with an error; the runtime retries the whole batch.
    case retry
    /// Drop the invocation and go on with the batch.
    case discard
    /// Drop the invocation, go on with the batch and send a record about it to an egress.
    case deadLetter(DeadLetterTarget)

    /// Dead-letters to a Kafka egress: a record on `topic`, keyed by the address id.
    public static func deadLetter(to egress: KafkaEgress, topic: String) -> FailurePolicy {
        .deadLetter(DeadLetterTarget(egress: egress.id, destination: .kafka(topic: topic)))
    }

    /// Dead-letters to a Kinesis egress: a record on `stream`, partitioned by the address id.
    public static func deadLetter(to egress: KinesisEgress, stream: String) -> FailurePolicy {
        .deadLetter(DeadLetterTarget(egress: egress.id, destination: .kinesis(stream: stream)))
    }

    /// Dead-letters to any other egress: the record's value is the JSON document as a
    /// `io.statefun.types/string`.
    public static func deadLetter(to egress: any EgressHandle) -> FailurePolicy {
        .deadLetter(DeadLetterTarget(egress: egress.id, destination: .value))
    }

    /// `retry`, `discard` or `dead_letter`.
    public var name: String {
        switch self {
        case .retry: "retry"
        case .discard: "discard"
        case .deadLetter: "dead_letter"
        }
    }
}
