public import StateFun
public import StateFunWire

/// `example.GreetRequest { string name = 1; }` of the walkthrough's `messages.proto`: who to greet.
///
/// Its typename is `com.googleapis/example.GreetRequest`, the type the walkthrough's Kafka ingress routes
/// (`typeUrl` in its module.yaml); records of the `names` topic hold its plain protobuf bytes.
public struct GreetRequest: ProtobufMessage, Equatable {
    public static let messageName = "example.GreetRequest"
    public static let typeName: TypeName = "com.googleapis/example.GreetRequest"

    /// The name to greet.
    public var name: String

    /// A request to greet `name`.
    public init(name: String) {
        self.name = name
    }

    public init(from reader: inout WireReader) throws {
        name = ""
        while let tag = try reader.nextField() {
            if tag.number == 1 { name = try reader.readString(tag) } else { try reader.skip(tag) }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeString(1, name)
    }
}
