package import StateFunWire
/// `io.statefun.sdk.reqreply.TypedValue` (3.x): a value with its typename.
///
/// `has_value` (field 2, added in 3.0) tells "a zero-length value" (a zero int, an empty string) from "no
/// value": state the runtime has registered but holds nothing for arrives with `has_value = false`.
///
/// `metadata` (field 4) is the maintained fork's additive extension (kzmlabs/flink-statefun: its Java SDK reads
/// `TypedValue.getMetadataList()` in `statefun-sdk-java/.../message/MessageWrapper.java`, and its runtime fills
/// it from the Kafka record headers of a `forwardHeaders` ingress). Upstream's runtimes and SDKs skip it as an
/// unknown field; with no entries nothing is written, so the bytes are upstream's.
@usableFromInline
package struct TypedValue: WireMessage, WirePayload {
    /// `TypedValue.Metadata{key=1, value=2, has_value=3}`: one transport header. Keys may repeat and order is
    /// kept (Kafka's header semantics); `has_value = false` is a null value, as opposed to an empty one.
    package struct Metadata: WireMessage {
        package var key: String
        package var value: [UInt8]
        package var hasValue: Bool

        package init(key: String = "", value: [UInt8] = [], hasValue: Bool = false) {
            self.key = key
            self.value = value
            self.hasValue = hasValue
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: key = try reader.readString(tag)
                case 2: value = try reader.readBytes(tag)
                case 3: hasValue = try reader.readBool(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeString(1, key)
            writer.writeBytes(2, value)
            writer.writeBool(3, hasValue)
        }

        /// Writes one entry as field `field` (`TypedValue.metadata = 4`, `KafkaProducerRecord.headers = 4`: the
        /// fork numbers both entry messages alike) without building the struct.
        package static func write(
            key: String, value: ArraySlice<UInt8>?, field: UInt32 = 4, to writer: inout WireWriter
        ) {
            writer.writeMessage(field) { entry in
                entry.writeString(1, key)
                if let value {
                    entry.writeBytes(2, value)
                    entry.writeBool(3, true)
                }
            }
        }
    }

    package var typename: String
    package var hasValue: Bool
    package var value: [UInt8]
    package var metadata: [Metadata]

    package init(typename: String = "", hasValue: Bool = false, value: [UInt8] = [], metadata: [Metadata] = []) {
        self.typename = typename
        self.hasValue = hasValue
        self.value = value
        self.metadata = metadata
    }

    /// Typenames that arrive in almost every request; decoding them allocates nothing.
    @usableFromInline package static let commonTypeNames: [String] = (0..<commonTypeNameCount).map(commonTypeName)

    /// How many ``commonTypeNames`` there are (a constant, so that a loop over them reads no global).
    @inlinable package static var commonTypeNameCount: Int { 6 }

    /// ``commonTypeNames``[`index`], a literal: how a received message's typename is made once the reader
    /// recognised it (per invocation), with none of the array's lazy initialization check, bounds check and
    /// reference counting. `""` past the last.
    @inlinable @inline(__always)
    package static func commonTypeName(_ index: Int) -> String {
        switch index {
        case 0: "io.statefun.types/string"
        case 1: "io.statefun.types/int"
        case 2: "io.statefun.types/long"
        case 3: "io.statefun.types/bool"
        case 4: "io.statefun.types/float"
        case 5: "io.statefun.types/double"
        default: ""
        }
    }

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: typename = try reader.readString(tag, interning: TypedValue.commonTypeNames)
            case 2: hasValue = try reader.readBool(tag)
            case 3: value = try reader.readBytes(tag)
            case 4: metadata.append(try Metadata.read(tag, from: &reader))
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, typename)
        writer.writeBool(2, hasValue)
        writer.writeBytes(3, value)
        for entry in metadata { entry.write(4, to: &writer) }
    }
}
