/// Sorts a handler's error into permanent or transient (Docs/Operations.md, "Failure policy"): permanent when
/// the same message would fail the same way again.
package enum FailureClassification {
    package static func kind(of error: any Error) -> FailureReport.Kind {
        if error is any PermanentFailure { return .permanent }
        if let error = error as? StateFunError { return kind(of: error) }
        return .transient
    }

    package static func kind(of error: StateFunError) -> FailureReport.Kind {
        switch error {
        // No handler takes the message; its argument or a state does not decode; a state holds another type.
        case .unhandledMessage, .deserializationFailed, .stateTypeMismatch: return .permanent
        // A send or egress write the function does not declare (Sends, Emits): the same code sends it again.
        case .undeclaredSend, .undeclaredEgress: return .permanent
        case .handlerFailed(_, _, let underlying): return kind(of: underlying)
        default: return .transient
        }
    }
}
