/// A record for a Kafka or Kinesis egress. Make one with the typed handle of the declared egress
/// (``KafkaEgress/record(topic:key:value:)``, ``KinesisEgress/record(stream:partitionKey:explicitHashKey:value:)``)
/// and hand it to `context.send(_:)`.
public struct EgressRecord: Sendable {
    enum Kind: Sendable {
        case kafka(topic: String, key: String?, value: EgressValue, headers: [MetadataEntry])
        case kinesis(stream: String, partitionKey: String, explicitHashKey: String?, value: EgressValue)
        case value(any StateFunType)
    }

    /// The egress the record goes to.
    public let egress: TypeName
    let kind: Kind

    /// A Kafka record for `topic`, with an optional key (Python `kafka_egress_message`).
    @available(*, deprecated, message: "use the declared egress's handle: greets.record(topic:key:value:)")
    public static func kafka(egress: TypeName, topic: String, key: String? = nil, value: EgressValue) -> EgressRecord {
        EgressRecord(egress: egress, kind: .kafka(topic: topic, key: key, value: value, headers: []))
    }

    /// A Kinesis record for `stream` (Python `kinesis_egress_message`).
    @available(*, deprecated, message: "use the declared egress's handle: events.record(stream:partitionKey:explicitHashKey:value:)")
    public static func kinesis(
        egress: TypeName, stream: String, partitionKey: String, explicitHashKey: String? = nil, value: EgressValue
    ) -> EgressRecord {
        EgressRecord(
            egress: egress,
            kind: .kinesis(stream: stream, partitionKey: partitionKey, explicitHashKey: explicitHashKey, value: value))
    }

    /// Any typed value for an egress (Python `egress_message_builder`, 2.x `pack_and_send_egress`).
    @available(*, deprecated, message: "use an Egress handle: Egress(id: \"example/out\").record(value)")
    public static func value(egress: TypeName, _ value: some StateFunType) -> EgressRecord {
        EgressRecord(egress: egress, kind: .value(value))
    }
}
