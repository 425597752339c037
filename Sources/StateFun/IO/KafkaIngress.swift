/// A Kafka ingress: records of its topics become messages for functions (StateFun's routable Kafka ingress,
/// `io.statefun.kafka.v1/ingress`; `statefun.kafka.io/routable-protobuf-ingress` on 2.x).
///
/// ```swift
/// KafkaIngress(id: "example/names", address: "kafka-broker:9092", consumerGroupId: "my-group-id") {
///     KafkaTopic("names", valueType: GreetRequest.self, targets: "example/greeter")
/// }
/// ```
///
/// Settings left `nil` are not written to module.yaml, so the runtime's defaults apply (`protocol.md` §5.4:
/// auto offset reset `latest`, startup position `latest`).
public struct KafkaIngress: PrimitiveAppComponent {
    /// Where a consumer group without a committed offset starts (`autoOffsetResetPosition`).
    public enum AutoOffsetReset: String, Sendable, Hashable {
        /// The newest records only (the runtime's default).
        case latest
        /// From the beginning of each partition.
        case earliest
    }

    /// Where the ingress starts reading when the job starts without a savepoint (`startupPosition`).
    public enum StartupPosition: Sendable, Hashable {
        /// The consumer group's committed offsets (`group-offsets`).
        case groupOffsets
        /// The beginning of every partition.
        case earliest
        /// The end of every partition (the runtime's default).
        case latest
        /// Given offsets per partition (`specific-offsets`); offsets must not be negative.
        case specificOffsets([KafkaTopicPartition: Int64])
        /// The first records at or after a date, written exactly as the runtime parses it:
        /// `yyyy-MM-dd HH:mm:ss.SSS Z`, e.g. `2020-02-01 04:15:00.000 +0000` (`protocol.md` §10).
        case date(String)
    }

    /// The ingress id.
    public let id: TypeName
    let address: String
    let consumerGroupId: String?
    let autoOffsetReset: AutoOffsetReset?
    let startupPosition: StartupPosition?
    let properties: [(key: String, value: String)]
    /// `forwardHeaders` of the ingress: whether the fork's runtime forwards its topics' record headers.
    let forwardHeaders: Bool?
    /// The routed topics.
    public let topics: [KafkaTopic]

    /// Declares a Kafka ingress reading `topics` from the brokers at `address` (`host:port[,host:port]`).
    ///
    /// - Parameters:
    ///   - id: the ingress id.
    ///   - address: the Kafka brokers, `host:port[,host:port]`.
    ///   - consumerGroupId: the consumer group (`nil`: not written, the runtime's default applies).
    ///   - autoOffsetReset: where a consumer group without a committed offset starts (`nil`: the runtime's default).
    ///   - startupPosition: where the ingress starts without a savepoint (`nil`: the runtime's default).
    ///   - properties: extra Kafka consumer properties, in order (`["isolation.level": "read_committed"]`).
    ///   - forwardHeaders: whether the maintained fork's runtime (kzmlabs/flink-statefun) forwards each record's
    ///     Kafka headers to the functions as message metadata (``Message/metadata``), for every topic that does
    ///     not say otherwise (``KafkaTopic``'s `forwardHeaders`). `nil`: not written; the fork's default is off.
    ///     Written in the formats the fork reads (components, 3.0); upstream's runtime ignores the key.
    ///   - topics: the routed topics.
    public init(
        id: TypeName,
        address: String,
        consumerGroupId: String? = nil,
        autoOffsetReset: AutoOffsetReset? = nil,
        startupPosition: StartupPosition? = nil,
        properties: ClientProperties = [:],
        forwardHeaders: Bool? = nil,
        @DeclarationBuilder<KafkaTopic> topics: () -> [KafkaTopic]
    ) {
        self.id = id
        self.address = address
        self.consumerGroupId = consumerGroupId
        self.autoOffsetReset = autoOffsetReset
        self.startupPosition = startupPosition
        self.properties = properties.pairs
        self.forwardHeaders = forwardHeaders
        self.topics = topics()
    }

    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        let routes = topics.map {
            IngressRoute(
                ingress: id, kind: .kafka, topic: $0.topic, valueType: $0.valueType, targets: $0.targets,
                forwardsHeaders: $0.forwardHeaders ?? forwardHeaders ?? false)
        }
        var definition = IngressDefinition(id: id, kind: .kafka, routes: routes)
        definition.declaration = .kafka(self)
        definition.settings["address"] = address
        if let consumerGroupId { definition.settings["consumerGroupId"] = consumerGroupId }
        model.ingresses.append(definition)
    }
}
