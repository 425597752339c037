public import StateFun
public import StateFunWire

/// A greeting for someone: what the `greetings` topic carries.
///
/// `message GreetResponse { string name = 1; string greeting = 2; }` in the walkthrough's `messages.proto`.
public struct GreetResponse: ProtobufMessage, Equatable {
    public static let messageName = "example.GreetResponse"
    /// Typed like the other two messages, `com.googleapis/example.GreetResponse`.
    public static var typeName: TypeName { TypeName(namespace: "com.googleapis", name: messageName) }

    /// Who is greeted.
    public var name: String
    /// The greeting itself.
    public var greeting: String

    public init(name: String, greeting: String) {
        self.name = name
        self.greeting = greeting
    }

    public init(from reader: inout WireReader) throws {
        name = ""
        greeting = ""
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: name = try reader.readString(tag)
            case 2: greeting = try reader.readString(tag)
            default: try reader.skip(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeString(1, name)
        writer.writeString(2, greeting)
    }
}
