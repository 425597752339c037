/// One invocation of a batch, as instrumentation sees it.
public struct InvocationEvent: Sendable {
    /// The batch it belongs to (``BatchEvent/sequence``).
    public var batchSequence: UInt64
    /// The function type.
    public var function: TypeName
    /// The instance id.
    public var id: String
    /// Its position in the batch, from 0.
    public var index: Int
    /// Who sent the message; `nil` when it came from an ingress.
    public var caller: Address?
    /// The message's typename as it arrived (on 2.x, the `Any` type URL).
    public var messageTypeName: String
    /// The metadata the message carries (the maintained fork's `TypedValue.metadata`: forwarded Kafka headers, a
    /// W3C `traceparent`), so a tracing bridge can continue the sender's trace; empty on runtimes without it.
    public var metadata: [MetadataEntry]

    /// Creates an invocation event.
    public init(
        batchSequence: UInt64, function: TypeName, id: String, index: Int, caller: Address?, messageTypeName: String,
        metadata: [MetadataEntry] = []
    ) {
        self.batchSequence = batchSequence
        self.function = function
        self.id = id
        self.index = index
        self.caller = caller
        self.messageTypeName = messageTypeName
        self.metadata = metadata
    }
}
