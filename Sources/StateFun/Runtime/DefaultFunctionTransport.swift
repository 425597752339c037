/// The local runtime's default transport: calls for in-process functions go to the app's
/// ``RequestReplyHandler`` (``InProcessTransport``), calls for remote endpoints over HTTP
/// (``HTTPFunctionTransport``). Wrap it to observe calls and forward them.
public struct DefaultFunctionTransport: FunctionTransport {
    /// The in-process part.
    public let inProcess: InProcessTransport
    /// The HTTP part.
    public let http: HTTPFunctionTransport

    /// Creates the transport for `app`'s functions and for remote endpoints; `instrumentation` watches the
    /// in-process batches.
    public init(
        app: App, protocolVersion: ProtocolVersion = .v3, httpTimeout: Duration = .seconds(10),
        instrumentation: (any Instrumentation)? = nil
    ) {
        inProcess = InProcessTransport(app: app, protocolVersion: protocolVersion, instrumentation: instrumentation)
        http = HTTPFunctionTransport(timeout: httpTimeout)
    }

    /// Sends one batch and returns the function's answer (see ``FunctionTransport``).
    public func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8] {
        switch call.destination {
        case .inProcess: try await inProcess.call(call)
        case .url: try await http.call(call)
        }
    }
}
