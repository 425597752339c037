import StateFunProtocol
/// Everything the SDK layer reports, one closed set; each case's description names what was wrong so that a
/// person can act on it (the HTTP endpoint puts it in the response body, the runtime in its give-up report).
///
/// The cases are what the SDK itself detects. An error a handler throws is the handler's own: throw any `Error`
/// type of yours, and the SDK reports it as ``handlerFailed(function:id:underlying:)`` with your error as the
/// underlying cause, so that a framework mounting ``RequestReplyHandler`` (or a test) can match it.
///
/// ```swift
/// enum GreeterError: Error { case countOverflow(name: String) }
/// ...
/// catch StateFunError.handlerFailed(_, _, let underlying as GreeterError) { ... }
/// ```
public enum StateFunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A typename is not of the form `<namespace>/<name>`.
    case invalidTypeName(String, reason: String)
    /// A state name breaks the naming rules of ``ValueSpec``.
    case invalidStateName(String, reason: String)
    /// The request body is not a valid `ToFunction` for the configured protocol.
    case malformedRequest(String)
    /// The request targets a function type this app does not declare.
    case unknownFunction(TypeName)
    /// A received state value carries another typename than the function's ``ValueSpec`` declares.
    case stateTypeMismatch(function: TypeName, state: String, expected: String, actual: String)
    /// A handler used a state its function does not declare.
    case undeclaredState(function: TypeName, state: String)
    /// 2.x protocol: the runtime did not send a state the handler used (it must be listed in module.yaml).
    case stateNotProvided(function: TypeName, state: String)
    /// A message arrived whose type no handler of the function accepts, and the function has no catch-all.
    case unhandledMessage(function: TypeName, typeName: String)
    /// A handler of `function` sent a message to `target`, a function type it does not declare with ``Sends``
    /// (checked once the function declares any routing). The send fails at once in every mode and is not retried.
    case undeclaredSend(function: TypeName, target: Address)
    /// A handler of `function` wrote to `egress`, which it does not declare with ``Emits`` (checked once the
    /// function declares any routing). The write fails at once in every mode and is not retried.
    case undeclaredEgress(function: TypeName, egress: TypeName)
    /// A message was sent to an address that can't receive one (invalid typename, empty id).
    case invalidAddress(String)
    /// ``Context/reply(_:)-(V)`` was called for a message that came from an ingress (it has no caller).
    case noCaller(function: TypeName)
    /// A delay is negative (or zero on the 2.x protocol), or a cancellation token is empty.
    case invalidDelayedMessage(String)
    /// A value could not be turned into bytes.
    case serializationFailed(typeName: String, reason: String)
    /// Bytes could not be turned into a value of the expected type.
    case deserializationFailed(typeName: String, reason: String)
    /// An argument to an SDK call is invalid; the text says which and why. (For a handler's own errors, throw an
    /// error type of your own: the SDK keeps it as the underlying cause of ``handlerFailed(function:id:underlying:)``.)
    case invalidArgument(String)
    /// A server of this SDK could not start listening (address in use, invalid address, a failed system call).
    case serverFailed(String)
    /// A handler threw `underlying` while handling a message for `function` with id `id`: the whole batch fails
    /// and no effect of it is returned. `underlying` is the error the handler threw, as it was thrown.
    case handlerFailed(function: TypeName, id: String, underlying: any Error)
    /// A request carries more invocations than ``BatchLimits/maxInvocations``; none of it ran (HTTP `413`).
    case tooManyInvocations(limit: Int)
    /// A batch's answer grew past ``BatchLimits/maxResponseBytes``; the batch fails and no effect of it is
    /// returned.
    case responseTooLarge(limit: Int)

    /// A readable form, for logs and error messages.
    public var description: String {
        switch self {
        case .invalidTypeName(let name, let reason): "invalid typename '\(name)': \(reason)"
        case .invalidStateName(let name, let reason): "invalid state name '\(name)': \(reason)"
        case .malformedRequest(let reason): "malformed request: \(reason)"
        case .unknownFunction(let type): "unknown function type '\(type)': no function of this type is declared"
        case .stateTypeMismatch(let function, let state, let expected, let actual):
            "function \(function): state '\(state)' holds a value of type '\(actual)', but the function declares "
                + "it as '\(expected)'"
        case .undeclaredState(let function, let state):
            "function \(function) has no state named '\(state)'; declare a ValueSpec for it"
        case .stateNotProvided(let function, let state):
            "function \(function): the runtime sent no state '\(state)'; list it under the function's states in "
                + "module.yaml"
        case .unhandledMessage(let function, let type):
            "function \(function) has no handler for messages of type '\(type)'"
        case .undeclaredSend(let function, let target):
            "function \(function) sends to \(target), but does not declare \(target.typeName) with Sends: add "
                + "Sends(\"\(target.typeName)\") (or Sends of the function's reference) to the body of \(function)"
        case .undeclaredEgress(let function, let egress):
            "function \(function) writes to egress \(egress), but does not declare it with Emits: add "
                + "Emits(\"\(egress)\") (or Emits of the egress's handle) to the body of \(function)"
        case .invalidAddress(let reason): "cannot send: \(reason)"
        case .noCaller(let function):
            "function \(function) cannot reply: the message came from an ingress and has no caller"
        case .invalidDelayedMessage(let reason): "invalid delayed message: \(reason)"
        case .serializationFailed(let type, let reason): "cannot serialize a value of type '\(type)': \(reason)"
        case .deserializationFailed(let type, let reason): "cannot deserialize a value of type '\(type)': \(reason)"
        case .invalidArgument(let reason): reason
        case .serverFailed(let reason): "cannot serve: \(reason)"
        case .handlerFailed(let function, let id, let underlying):
            "function \(function)/\(id) failed: \(Self.reason(underlying))"
        case .tooManyInvocations(let limit):
            "the batch has more than \(limit) invocations, the limit BatchLimits.maxInvocations; lower the "
                + "endpoint's maxNumBatchRequests or raise the limit"
        case .responseTooLarge(let limit):
            "the answer to the batch would be larger than \(limit) bytes, the limit BatchLimits.maxResponseBytes; "
                + "no effect of the batch is returned"
        }
    }

    /// The text of an underlying error: a ``StateFunError``'s description, else how the error prints.
    package static func reason(_ error: any Error) -> String {
        (error as? StateFunError)?.description ?? String(describing: error)
    }
}
