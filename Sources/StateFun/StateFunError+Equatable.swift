extension StateFunError {
    /// Two errors are equal when they are the same case with equal values; for
    /// ``handlerFailed(function:id:underlying:)`` (whose underlying error need not be `Equatable`), when function,
    /// id and the underlying error's text are equal.
    public static func == (lhs: StateFunError, rhs: StateFunError) -> Bool {
        switch (lhs, rhs) {
        case (.invalidTypeName(let a1, let b1), .invalidTypeName(let a2, let b2)): a1 == a2 && b1 == b2
        case (.invalidStateName(let a1, let b1), .invalidStateName(let a2, let b2)): a1 == a2 && b1 == b2
        case (.malformedRequest(let a1), .malformedRequest(let a2)): a1 == a2
        case (.unknownFunction(let a1), .unknownFunction(let a2)): a1 == a2
        case (.stateTypeMismatch(let a1, let b1, let c1, let d1), .stateTypeMismatch(let a2, let b2, let c2, let d2)):
            a1 == a2 && b1 == b2 && c1 == c2 && d1 == d2
        case (.undeclaredState(let a1, let b1), .undeclaredState(let a2, let b2)): a1 == a2 && b1 == b2
        case (.stateNotProvided(let a1, let b1), .stateNotProvided(let a2, let b2)): a1 == a2 && b1 == b2
        case (.unhandledMessage(let a1, let b1), .unhandledMessage(let a2, let b2)): a1 == a2 && b1 == b2
        case (.undeclaredSend(let a1, let b1), .undeclaredSend(let a2, let b2)): a1 == a2 && b1 == b2
        case (.undeclaredEgress(let a1, let b1), .undeclaredEgress(let a2, let b2)): a1 == a2 && b1 == b2
        case (.invalidAddress(let a1), .invalidAddress(let a2)): a1 == a2
        case (.noCaller(let a1), .noCaller(let a2)): a1 == a2
        case (.invalidDelayedMessage(let a1), .invalidDelayedMessage(let a2)): a1 == a2
        case (.serializationFailed(let a1, let b1), .serializationFailed(let a2, let b2)): a1 == a2 && b1 == b2
        case (.deserializationFailed(let a1, let b1), .deserializationFailed(let a2, let b2)): a1 == a2 && b1 == b2
        case (.invalidArgument(let a1), .invalidArgument(let a2)): a1 == a2
        case (.serverFailed(let a1), .serverFailed(let a2)): a1 == a2
        case (.handlerFailed(let a1, let b1, let c1), .handlerFailed(let a2, let b2, let c2)):
            a1 == a2 && b1 == b2 && reason(c1) == reason(c2)
        case (.tooManyInvocations(let a1), .tooManyInvocations(let a2)): a1 == a2
        case (.responseTooLarge(let a1), .responseTooLarge(let a2)): a1 == a2
        default: false
        }
    }

    /// The handler-failure error with `reason` as its underlying error's text: the earlier form of the case.
    @available(*, deprecated, message: "handlerFailed carries the handler's error: use handlerFailed(function:id:underlying:)")
    public static func handlerFailed(function: TypeName, id: String, reason: String) -> StateFunError {
        .handlerFailed(function: function, id: id, underlying: HandlerFailureReason(text: reason))
    }
}

/// The underlying error of a handler failure made from text alone.
struct HandlerFailureReason: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
