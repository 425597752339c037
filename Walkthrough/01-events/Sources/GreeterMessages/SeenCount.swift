public import StateFun
public import StateFunWire

/// How many times someone has been greeted: the greeter keeps one per name as state (step 4).
///
/// `message SeenCount { int64 seen = 1; }` in the walkthrough's `messages.proto`.
public struct SeenCount: ProtobufMessage, Equatable {
    public static let messageName = "example.SeenCount"
    /// Typed like the other two messages, `com.googleapis/example.SeenCount`.
    public static var typeName: TypeName { TypeName(namespace: "com.googleapis", name: messageName) }

    /// The number of requests seen so far.
    public var seen: Int64

    public init(seen: Int64) {
        self.seen = seen
    }

    public init(from reader: inout WireReader) throws {
        seen = 0
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: seen = try reader.readInt64(tag)
            default: try reader.skip(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeInt64(1, seen)
    }
}
