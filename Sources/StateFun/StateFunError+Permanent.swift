extension StateFunError {
    /// Whether this is a message no handler of the function takes, as thrown by dispatch or reported through
    /// ``handlerFailed(function:id:underlying:)``: retrying it cannot succeed.
    package var isUnhandledMessage: Bool {
        switch self {
        case .unhandledMessage: true
        case .handlerFailed(_, _, let underlying as StateFunError): underlying.isUnhandledMessage
        default: false
        }
    }
}
