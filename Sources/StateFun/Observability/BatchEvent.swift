/// One batch for one address, as instrumentation sees it (protocol.md §4: a batch is the invocations the
/// runtime sends to one address in one request).
public struct BatchEvent: Sendable {
    /// A number unique to this batch in this process, so a begin and its end can be paired (a tracing span).
    public var sequence: UInt64
    /// The function type.
    public var function: TypeName
    /// The instance id.
    public var id: String
    /// How many invocations the batch carries.
    public var size: Int
    /// The protocol of the request.
    public var protocolVersion: ProtocolVersion
    /// The request's size in bytes (0 when the batch did not come as bytes).
    public var requestBytes: Int

    /// Creates a batch event.
    public init(
        sequence: UInt64, function: TypeName, id: String, size: Int, protocolVersion: ProtocolVersion,
        requestBytes: Int
    ) {
        self.sequence = sequence
        self.function = function
        self.id = id
        self.size = size
        self.protocolVersion = protocolVersion
        self.requestBytes = requestBytes
    }

    /// The batch's address.
    public var address: Address { Address(function, id: id) }
}
