/// One topic of a ``KafkaIngress``: its records are routed to the functions `targets`.
///
/// StateFun's routable Kafka ingress (`protocol.md` §2.2) turns each record into a message: the record's key
/// (UTF-8) becomes the id of the target address, and its value bytes travel **unchanged** with the typename
/// `valueType`. So the topic must hold values already encoded the way `valueType` decodes them (for a
/// ``ProtobufMessage``, the plain message bytes).
///
/// module.yaml: `topics[] {topic, valueType, targets}` (3.x) or `{topic, typeUrl, targets}` (2.x formats), with
/// `forwardHeaders` after `valueType` when set (the maintained fork's option, components and 3.0 formats).
public struct KafkaTopic: Sendable {
    /// The Kafka topic.
    public let topic: String
    /// The typename the records' values travel with on the 3.x protocol (`valueType` in module.yaml).
    public let valueType: TypeName
    /// The `Any` type URL on the 2.x protocol (`typeUrl` in the 2.x formats).
    let typeURLV2: String
    /// The functions every record is sent to.
    public let targets: [TypeName]
    /// Whether the maintained fork's runtime forwards this topic's record headers as message metadata,
    /// overriding the ingress's `forwardHeaders` either way; `nil`: the ingress's setting applies.
    public let forwardHeaders: Bool?

    /// Routes `topic` to `targets`, its values typed as `valueType` (for example `GreetRequest.self`).
    /// `forwardHeaders` overrides the ingress's setting for this topic (the maintained fork's option).
    public init<Value: StateFunType>(
        _ topic: String, valueType: Value.Type, targets: TypeName..., forwardHeaders: Bool? = nil
    ) {
        self.topic = topic
        self.valueType = Value.typeName
        self.typeURLV2 = AnyCodec.typeName(of: Value.self)
        self.targets = targets
        self.forwardHeaders = forwardHeaders
    }

    /// Routes `topic` to `targets`, its values typed with the typename `valueType`. `forwardHeaders` overrides
    /// the ingress's setting for this topic (the maintained fork's option).
    public init(_ topic: String, valueType: TypeName, targets: TypeName..., forwardHeaders: Bool? = nil) {
        self.topic = topic
        self.valueType = valueType
        self.typeURLV2 = valueType.description
        self.targets = targets
        self.forwardHeaders = forwardHeaders
    }
}
