package import StateFunWire
/// The Kinesis egress record `{partition_key=1, value_bytes=2, stream=3, explicit_hash_key=4}`
/// (`io.statefun.sdk.egress` on 3.x, `org.apache.flink.statefun.flink.io` on 2.x).
package struct KinesisEgressRecord: WireMessage {
    /// The 3.x TypedValue typename the runtime matches exactly.
    package static let typeNameV3 = "type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord"
    /// The 2.x Any type URL the Python 2.2 SDK packs it with.
    package static let typeURLV2 = "type.googleapis.com/org.apache.flink.statefun.flink.io.KinesisEgressRecord"

    package var partitionKey: String
    package var valueBytes: [UInt8]
    package var stream: String
    package var explicitHashKey: String

    package init(partitionKey: String = "", valueBytes: [UInt8] = [], stream: String = "", explicitHashKey: String = "") {
        self.partitionKey = partitionKey
        self.valueBytes = valueBytes
        self.stream = stream
        self.explicitHashKey = explicitHashKey
    }

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: partitionKey = try reader.readString(tag)
            case 2: valueBytes = try reader.readBytes(tag)
            case 3: stream = try reader.readString(tag)
            case 4: explicitHashKey = try reader.readString(tag)
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, partitionKey)
        writer.writeBytes(2, valueBytes)
        writer.writeString(3, stream)
        writer.writeString(4, explicitHashKey)
    }
}
