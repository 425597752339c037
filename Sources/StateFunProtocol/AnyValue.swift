package import StateFunWire
/// `google.protobuf.Any` `{type_url=1, value=2}`: how the 2.x protocol carries every argument.
///
/// Protobuf runtimes match an `Any` to a message type by the part of the URL after the last `/` only
/// (`Any.Is`), so `com.googleapis/example.GreetRequest` and `type.googleapis.com/example.GreetRequest` name the
/// same type; ``typeSuffix`` is that part.
package struct AnyValue: WireMessage, WirePayload {
    package var typeURL: String
    package var value: [UInt8]

    package init(typeURL: String = "", value: [UInt8] = []) {
        self.typeURL = typeURL
        self.value = value
    }

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: typeURL = try reader.readString(tag)
            case 2: value = try reader.readBytes(tag)
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, typeURL)
        writer.writeBytes(2, value)
    }

    /// The full type name: everything after the last `/` of the URL.
    package var typeSuffix: Substring { AnyValue.suffix(of: typeURL) }

    /// The part of a type URL after its last `/`.
    package static func suffix(of url: String) -> Substring {
        if let slash = url.lastIndex(of: "/") { return url[url.index(after: slash)...] }
        return url[...]
    }
}
