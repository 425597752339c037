import StateFunProtocol
/// How the local runtime delivers one request to a function: `ToFunction` bytes in, `FromFunction` bytes out.
///
/// The runtime's default sends calls for in-process functions to the app's ``RequestReplyHandler`` and calls
/// for remote endpoints over HTTP. Give a transport of your own to ``LocalRuntime`` to observe or alter calls,
/// for example to count the invocations of each batch, and forward them to ``InProcessTransport`` or
/// ``HTTPFunctionTransport``.
public protocol FunctionTransport: Sendable {
    /// Delivers `call` and returns the function's answer.
    ///
    /// - Throws: a call failure (``RuntimeError/functionFailed(_:)``, ``RuntimeError/httpStatus(_:body:)``,
    ///   ``RuntimeError/connectionFailed(_:)``...); the runtime retries those that ``RuntimeError/isRetryable``.
    func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8]
}
