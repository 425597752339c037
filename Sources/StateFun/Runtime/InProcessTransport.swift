/// Delivers calls to an app's functions in this process, through its ``RequestReplyHandler``: the same bytes an
/// HTTP endpoint would get, with no network in between.
///
/// A function that throws fails the call with ``RuntimeError/functionFailed(_:)``, which the runtime retries as
/// it retries an HTTP 500. Calls for ``FunctionCall/Destination/url(_:)`` are refused.
public struct InProcessTransport: FunctionTransport {
    /// The handler the calls go to.
    public let handler: RequestReplyHandler

    /// Creates a transport for `app`'s functions speaking `protocolVersion`; `instrumentation` watches every
    /// batch.
    public init(app: App, protocolVersion: ProtocolVersion = .v3, instrumentation: (any Instrumentation)? = nil) {
        handler = RequestReplyHandler(app: app, protocolVersion: protocolVersion, instrumentation: instrumentation)
    }

    /// Sends one batch and returns the function's answer (see ``FunctionTransport``).
    public func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8] {
        guard call.destination == .inProcess else {
            throw .unsupportedURL("\(call.destination)", reason: "the in-process transport serves only the app's functions")
        }
        do {
            return try await handler.handle(call.body)
        } catch {
            throw .functionFailed(error)
        }
    }
}
