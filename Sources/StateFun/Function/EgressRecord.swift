package import StateFunWire
import StateFunProtocol
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

    /// Writes the record as the payload of field `field` of an `EgressMessage`, straight into `writer`.
    package func write(_ version: ProtocolVersion, field: UInt32, to writer: inout WireWriter) throws {
        switch kind {
        case .value(let value):
            try ValueCodec.write(value, version, field: field, to: &writer)
            return
        case .kafka(let topic, _, _, let headers):
            guard !topic.isEmpty else { throw StateFunError.invalidArgument("a Kafka egress record needs a topic") }
            guard headers.isEmpty || version == .v3 else {
                throw StateFunError.invalidArgument(
                    "Kafka record headers need the 3.x protocol (the maintained fork's KafkaProducerRecord.headers)")
            }
        case .kinesis(let stream, _, _, _):
            guard !stream.isEmpty else { throw StateFunError.invalidArgument("a Kinesis egress record needs a stream") }
        }
        let typeName: String
        switch kind {
        case .kafka: typeName = version == .v3 ? KafkaProducerRecord.typeNameV3 : KafkaProducerRecord.typeURLV2
        default: typeName = version == .v3 ? KinesisEgressRecord.typeNameV3 : KinesisEgressRecord.typeURLV2
        }
        try writer.writeLengthDelimited(field) { (payload: inout WireWriter) throws(any Error) in
            payload.writeString(1, typeName)
            if version == .v3 { payload.writeBool(2, true) }
            try payload.writeLengthDelimited(version == .v3 ? 3 : 2, presence: .implicit) {
                (record: inout WireWriter) throws(any Error) in
                switch kind {
                case .kafka(let topic, let key, let value, let headers):
                    record.writeString(1, key ?? "")
                    try record.writeLengthDelimited(2, presence: .implicit) { (bytes: inout WireWriter) throws(any Error) in
                        try value.write(version, kinesis: false, to: &bytes)
                    }
                    record.writeString(3, topic)
                    // The fork's `headers = 4` (kafka-egress.proto): none written without headers.
                    for header in headers {
                        KafkaProducerRecord.Header.write(key: header.key, value: header.value?[...], field: 4, to: &record)
                    }
                case .kinesis(let stream, let partitionKey, let hashKey, let value):
                    record.writeString(1, partitionKey)
                    try record.writeLengthDelimited(2, presence: .implicit) { (bytes: inout WireWriter) throws(any Error) in
                        try value.write(version, kinesis: true, to: &bytes)
                    }
                    record.writeString(3, stream)
                    record.writeString(4, hashKey ?? "")
                case .value: break
                }
            }
        }
    }
}
