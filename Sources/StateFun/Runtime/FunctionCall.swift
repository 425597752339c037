import StateFunProtocol
/// One request of the local runtime to a function: a serialized `ToFunction` carrying one batch for one
/// address, and where to deliver it.
public struct FunctionCall: Sendable {
    /// Where the function runs.
    public enum Destination: Sendable, Hashable {
        /// In this process: the app's ``RequestReplyHandler``.
        case inProcess
        /// At a remote endpoint: the URL to POST to.
        case url(String)
    }

    /// The function instance the batch is for.
    public let target: Address
    /// Where to deliver the request.
    public let destination: Destination
    /// The serialized `ToFunction` (3.x or 2.x, as the runtime's protocol version says).
    public let body: [UInt8]
    /// The number of messages in the batch.
    public let invocationCount: Int
    /// 1 for the first attempt of this request, 2 for its first retry, and so on.
    public let attempt: Int

    /// Creates a call.
    public init(target: Address, destination: Destination, body: [UInt8], invocationCount: Int, attempt: Int) {
        self.target = target
        self.destination = destination
        self.body = body
        self.invocationCount = invocationCount
        self.attempt = attempt
    }
}
