package import StateFunWire
/// The Kafka egress record `{key=1, value_bytes=2, topic=3}`: `io.statefun.sdk.egress.KafkaProducerRecord`
/// on 3.x, `org.apache.flink.statefun.flink.io.KafkaProducerRecord` on 2.x (same field numbers).
///
/// `headers` (field 4, repeated `Header{key=1, value=2, has_value=3}`) is the maintained fork's additive
/// extension (kzmlabs/flink-statefun `statefun-sdk-protos/src/main/protobuf/io/kafka-egress.proto`): the Kafka
/// record headers to produce, keys may repeat, order is kept, `has_value = false` is a null header value.
/// Upstream's runtime skips the field; with no headers nothing is written, so the bytes are upstream's.
package struct KafkaProducerRecord: WireMessage {
    /// The 3.x TypedValue typename the runtime matches exactly.
    package static let typeNameV3 = "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord"
    /// The 2.x Any type URL the Python 2.2 SDK packs it with.
    package static let typeURLV2 = "type.googleapis.com/org.apache.flink.statefun.flink.io.KafkaProducerRecord"

    /// `KafkaProducerRecord.Header`: numbered as `TypedValue.Metadata`, so one codec serves both.
    package typealias Header = TypedValue.Metadata

    package var key: String
    package var valueBytes: [UInt8]
    package var topic: String
    package var headers: [Header]

    package init(key: String = "", valueBytes: [UInt8] = [], topic: String = "", headers: [Header] = []) {
        self.key = key
        self.valueBytes = valueBytes
        self.topic = topic
        self.headers = headers
    }

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: key = try reader.readString(tag)
            case 2: valueBytes = try reader.readBytes(tag)
            case 3: topic = try reader.readString(tag)
            case 4: headers.append(try Header.read(tag, from: &reader))
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, key)
        writer.writeBytes(2, valueBytes)
        writer.writeString(3, topic)
        for header in headers { header.write(4, to: &writer) }
    }
}
