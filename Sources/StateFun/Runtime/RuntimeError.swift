import StateFunProtocol
/// Everything the local runtime reports: why a call failed, why a function's answer could not be applied, why
/// a message could not be sent or ingested. One closed set; each description names what was wrong.
///
/// Call failures (``functionFailed(_:)``, ``httpStatus(_:body:)``, ``connectionFailed(_:)``) are retried as the
/// StateFun runtime retries them (see ``isRetryable``); the others fail the batch at once. In a Flink job every
/// one of them fails the job, which restarts from its last checkpoint; the local runtime reports a
/// ``RuntimeFailure`` instead and goes on (see ``LocalRuntime``).
public enum RuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: Calls

    /// An in-process function threw while handling the batch (what an HTTP endpoint answers with status 500).
    case functionFailed(StateFunError)
    /// A remote function answered with a status other than 2xx.
    case httpStatus(Int, body: String)
    /// A remote function answered without `Content-Type: application/octet-stream` (exactly, no parameters).
    case unexpectedContentType(String?)
    /// The remote function could not be reached or the exchange broke off (connection refused, reset, timeout).
    case connectionFailed(String)
    /// The endpoint URL is not one the local runtime can call.
    case unsupportedURL(String, reason: String)
    /// The answer is not a valid `FromFunction` for the runtime's protocol.
    case malformedResponse(String)

    // MARK: The app

    /// The app has errors ``App/validate()`` reports: the runtime runs no part of it, as `serve` and `dev` refuse
    /// it. The text is the report they print, every diagnostic on its own line.
    case invalidApp(String)

    // MARK: Routing

    /// A message is addressed to a function type the runtime knows neither in-process nor at a remote endpoint.
    case unknownFunction(TypeName)
    /// A message has no target, an invalid target typename or an empty id.
    case invalidAddress(String)
    /// A value could not be encoded into a message.
    case invalidMessage(String)
    /// No ingress of the app reads the topic (or Kinesis stream) a record was ingested for.
    case noIngressRoute(topic: String)
    /// A typed value was ingested for a topic whose declared value type is another.
    case ingressTypeMismatch(topic: String, declared: String, given: String)

    // MARK: Effects

    /// 3.x: a function declared a state under a name the runtime already registered with another typename.
    case stateSpecConflict(function: TypeName, state: String, registered: String, declared: String)
    /// 3.x: a function asked for states the request already carried (it would ask forever).
    case stateHandshakeLoop(function: TypeName, states: [String])
    /// A state mutation writes a value whose typename differs from the registered one.
    case stateTypeMismatch(function: TypeName, state: String, registered: String, written: String)
    /// A state mutation names a state the runtime has not registered for the function.
    case unregisteredState(function: TypeName, state: String)
    /// A state mutation has a type other than MODIFY or DELETE.
    case unrecognizedMutation(state: String, mutationType: Int32)
    /// A delayed message has a negative delay, or a cancellation request has no token.
    case invalidDelayedMessage(String)
    /// A delayed message reuses the cancellation token of a message still pending for the same sender id.
    case duplicateCancellationToken(sender: Address, token: String)
    /// A record was sent to an egress the app does not declare (checked when the app declares egresses).
    case undeclaredEgress(TypeName)
    /// A record for a Kafka or Kinesis egress is not the record type that egress takes, or does not decode.
    case invalidEgressRecord(egress: TypeName, reason: String)

    /// Whether the StateFun runtime retries a call that failed this way (HTTP transport: I/O failures and
    /// status 408, 409, 420, 429, 499 or any 5xx; an in-process function that throws counts as status 500).
    ///
    /// One exception: an in-process function that fails **permanently** (no handler for the message's type, an
    /// argument or state that does not decode, a state type mismatch, a send or an egress write the function
    /// does not declare (``StateFunError/undeclaredSend(function:target:)``,
    /// ``StateFunError/undeclaredEgress(function:egress:)``), an error marked ``PermanentFailure``) fails every
    /// retry the same way, so it is reported at once instead of after the call timeout's retries (a
    /// StateFun runtime would retry it until the job is restarted; Docs/Operations.md, "Failure policy").
    public var isRetryable: Bool {
        switch self {
        case .functionFailed(let error): FailureClassification.kind(of: error) == .transient
        case .connectionFailed: true
        case .httpStatus(let status, _): status >= 500 || [408, 409, 420, 429, 499].contains(status)
        default: false
        }
    }

    /// A readable form, for logs and error messages.
    public var description: String {
        switch self {
        case .functionFailed(let error): "the function failed: \(error)"
        case .httpStatus(let status, let body):
            body.isEmpty ? "HTTP status \(status)" : "HTTP status \(status): \(body)"
        case .unexpectedContentType(let type):
            "the response's Content-Type is \(type.map { "'\($0)'" } ?? "missing"), not 'application/octet-stream'"
        case .connectionFailed(let reason): "cannot reach the function: \(reason)"
        case .unsupportedURL(let url, let reason): "cannot call '\(url)': \(reason)"
        case .malformedResponse(let reason): "malformed FromFunction: \(reason)"
        case .invalidApp(let report): "not running an app that validate rejects: \(report)"
        case .unknownFunction(let type):
            "no function of type '\(type)' is known: declare it in the app or give a remote endpoint that serves it"
        case .invalidAddress(let reason): "invalid address: \(reason)"
        case .invalidMessage(let reason): "invalid message: \(reason)"
        case .noIngressRoute(let topic): "no ingress of the app reads the topic '\(topic)'"
        case .ingressTypeMismatch(let topic, let declared, let given):
            "the topic '\(topic)' carries values of type '\(declared)', not '\(given)'"
        case .stateSpecConflict(let function, let state, let registered, let declared):
            "function \(function) declares state '\(state)' as '\(declared)', but it is registered as '\(registered)'"
        case .stateHandshakeLoop(let function, let states):
            "function \(function) asked again for states the request carried: \(states.joined(separator: ", "))"
        case .stateTypeMismatch(let function, let state, let registered, let written):
            "function \(function) wrote a '\(written)' to state '\(state)', which is registered as '\(registered)'"
        case .unregisteredState(let function, let state):
            "function \(function) changed state '\(state)', which is not registered for it"
        case .unrecognizedMutation(let state, let type):
            "unrecognized mutation type \(type) for state '\(state)'"
        case .invalidDelayedMessage(let reason): "invalid delayed message: \(reason)"
        case .duplicateCancellationToken(let sender, let token):
            "\(sender) sent a delayed message with cancellation token '\(token)', but a message with that token is "
                + "still pending for id '\(sender.id)'"
        case .undeclaredEgress(let egress): "the app declares no egress '\(egress)'"
        case .invalidEgressRecord(let egress, let reason): "invalid record for egress '\(egress)': \(reason)"
        }
    }
}
