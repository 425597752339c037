/// A failed invocation: which, why, how it is classified and what the function's failure policy did with it
/// (Docs/Operations.md, "Failure policy").
public struct FailureReport: Sendable {
    /// Whether retrying can help.
    public enum Kind: String, Sendable, CaseIterable {
        /// The same input fails again: no handler for the type, a value that does not decode, a state type
        /// mismatch, or a user error the app marks as permanent.
        case permanent
        /// Anything else a handler throws: worth retrying.
        case transient
    }

    /// What was done with the failure.
    public enum Action: Sendable, Equatable {
        /// The batch is answered with an error and the runtime retries it whole (the default policy, and every
        /// transient failure).
        case retry
        /// The invocation's effects and state changes were dropped and a record sent to this egress.
        case deadLetter(egress: TypeName)
        /// The invocation's effects and state changes were dropped.
        case discard

        /// `retry`, `dead_letter` or `discard`: the name used in logs and metric labels.
        public var name: String {
            switch self {
            case .retry: "retry"
            case .deadLetter: "dead_letter"
            case .discard: "discard"
            }
        }
    }

    /// The invocation's position in its batch, from 0.
    public var invocationIndex: Int
    /// The message's typename as it arrived.
    public var messageTypeName: String
    /// The error's description.
    public var error: String
    /// How the failure is classified.
    public var kind: Kind
    /// What the policy did.
    public var action: Action

    /// Creates a report.
    public init(invocationIndex: Int, messageTypeName: String, error: String, kind: Kind, action: Action) {
        self.invocationIndex = invocationIndex
        self.messageTypeName = messageTypeName
        self.error = error
        self.kind = kind
        self.action = action
    }
}
