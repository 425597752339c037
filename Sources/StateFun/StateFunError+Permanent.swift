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

    /// Whether this is a send or an egress write the function does not declare (``Sends``, ``Emits``), as thrown
    /// by the context or reported through ``handlerFailed(function:id:underlying:)``: retrying it cannot succeed.
    package var isUndeclaredRoute: Bool {
        switch self {
        case .undeclaredSend, .undeclaredEgress: true
        case .handlerFailed(_, _, let underlying as StateFunError): underlying.isUndeclaredRoute
        default: false
        }
    }
}
