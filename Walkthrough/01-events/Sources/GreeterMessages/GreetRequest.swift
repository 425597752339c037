public import StateFun
public import StateFunWire

/// A request to greet someone: what the `names` topic carries.
///
/// `message GreetRequest { string name = 1; }` in the walkthrough's `messages.proto`, with a hand-written codec
/// over the SDK's ``WireReader`` and ``WireWriter`` (no code generator needed).
public struct GreetRequest: ProtobufMessage, Equatable {
    public static let messageName = "example.GreetRequest"
    /// The walkthrough routes requests with the type URL `com.googleapis/example.GreetRequest`; using it as the
    /// typename keeps module.yaml and the wire the same as the Python greeter's.
    public static var typeName: TypeName { TypeName(namespace: "com.googleapis", name: messageName) }

    /// Who is to be greeted.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    public init(from reader: inout WireReader) throws {
        name = ""
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: name = try reader.readString(tag)
            default: try reader.skip(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeString(1, name)
    }
}
