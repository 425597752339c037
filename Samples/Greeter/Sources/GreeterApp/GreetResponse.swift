public import StateFun
public import StateFunWire

/// `example.GreetResponse { string name = 1; string greeting = 2; }`: the greeting the function writes to the
/// `greetings` topic, keyed by `name`.
///
/// Named `com.googleapis/example.GreetResponse`, like the request (the egress record carries only the message
/// bytes, so the typename matters only when the value travels as a message).
public struct GreetResponse: ProtobufMessage, Equatable {
    public static let messageName = "example.GreetResponse"
    public static let typeName: TypeName = "com.googleapis/example.GreetResponse"

    /// Who was greeted.
    public var name: String
    /// The greeting.
    public var greeting: String

    /// A greeting for `name`.
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
