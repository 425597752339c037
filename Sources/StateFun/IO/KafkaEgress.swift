/// A Kafka egress: functions write records to Kafka topics through it (`io.statefun.kafka.v1/egress`;
/// `statefun.kafka.io/generic-egress` on 2.x).
///
/// Keep the value: it is the typed handle handlers send through.
///
/// ```swift
/// let greets = KafkaEgress(id: "example/greets", address: "kafka-broker:9092",
///                          deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)))
/// ...
/// Handle(GreetRequest.self) { context, request in
///     try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
/// }
/// ```
public struct KafkaEgress: PrimitiveAppComponent, EgressHandle {
    /// How the Kafka producer delivers records (`deliverySemantic`).
    public enum DeliverySemantic: Sendable, Hashable {
        /// Records may be written more than once after a failure (the runtime's default).
        case atLeastOnce
        /// Records are written in Kafka transactions committed with Flink's checkpoints; `transactionTimeout`
        /// must not exceed the brokers' `transaction.max.timeout.ms`. Readers need `isolation.level=read_committed`.
        case exactlyOnce(transactionTimeout: Duration)
        /// No guarantee: records may be lost or duplicated.
        case none
    }

    /// The egress id.
    public let id: TypeName
    let address: String
    let deliverySemantic: DeliverySemantic
    let properties: [(key: String, value: String)]

    /// Declares a Kafka egress writing to the brokers at `address`.
    ///
    /// - Parameters:
    ///   - id: the egress id functions send records to.
    ///   - address: the Kafka brokers, `host:port[,host:port]`.
    ///   - deliverySemantic: how the producer delivers records (the runtime's default: at least once).
    ///   - properties: extra Kafka producer properties, in order.
    public init(
        id: TypeName,
        address: String,
        deliverySemantic: DeliverySemantic = .atLeastOnce,
        properties: ClientProperties = [:]
    ) {
        self.id = id
        self.address = address
        self.deliverySemantic = deliverySemantic
        self.properties = properties.pairs
    }

    /// A record for `topic` of this egress, for `context.send(_:)`. An empty `key` or `nil` writes a record
    /// without key. See ``EgressValue`` for how `value` becomes bytes.
    public func record(topic: String, key: String? = nil, value: EgressValue) -> EgressRecord {
        EgressRecord(egress: id, kind: .kafka(topic: topic, key: key, value: value, headers: []))
    }

    /// A record for `topic` with Kafka record `headers` (in order; keys may repeat; a `nil` value is a null
    /// header value), for `context.send(_:)`. Headers are the maintained fork's extension
    /// (`KafkaProducerRecord.headers = 4`, kzmlabs/flink-statefun): its runtime produces them, upstream's
    /// drops them. Forward a message's metadata with `headers: message.metadata`. Sending throws on the 2.x
    /// protocol. Empty `headers` make exactly the record of ``record(topic:key:value:)``.
    public func record(topic: String, key: String? = nil, value: EgressValue, headers: [MetadataEntry]) -> EgressRecord {
        EgressRecord(egress: id, kind: .kafka(topic: topic, key: key, value: value, headers: headers))
    }

    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        var definition = EgressDefinition(id: id, kind: .kafka)
        definition.declaration = .kafka(self)
        model.egresses.append(definition)
    }
}
