package import StateFunWire
/// `io.statefun.sdk.reqreply.TypedValue` (3.x): a value with its typename.
///
/// `has_value` (field 2, added in 3.0) tells "a zero-length value" (a zero int, an empty string) from "no
/// value": state the runtime has registered but holds nothing for arrives with `has_value = false`.
package struct TypedValue: WireMessage, WirePayload {
    package var typename: String
    package var hasValue: Bool
    package var value: [UInt8]

    package init(typename: String = "", hasValue: Bool = false, value: [UInt8] = []) {
        self.typename = typename
        self.hasValue = hasValue
        self.value = value
    }

    /// Typenames that arrive in almost every request; decoding them allocates nothing.
    package static let commonTypeNames: [String] = [
        "io.statefun.types/string", "io.statefun.types/int", "io.statefun.types/long", "io.statefun.types/bool",
        "io.statefun.types/float", "io.statefun.types/double",
    ]

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: typename = try reader.readString(tag, interning: TypedValue.commonTypeNames)
            case 2: hasValue = try reader.readBool(tag)
            case 3: value = try reader.readBytes(tag)
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, typename)
        writer.writeBool(2, hasValue)
        writer.writeBytes(3, value)
    }
}
