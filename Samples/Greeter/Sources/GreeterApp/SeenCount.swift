public import StateFun
public import StateFunWire

/// `example.SeenCount { int64 seen = 1; }`: how many times a name has been greeted, the function's state
/// `seen_count`.
public struct SeenCount: ProtobufMessage, Equatable {
    public static let messageName = "example.SeenCount"
    public static let typeName: TypeName = "com.googleapis/example.SeenCount"

    /// The number of requests seen for the name.
    public var seen: Int64

    /// A count of `seen`.
    public init(seen: Int64) {
        self.seen = seen
    }

    public init(from reader: inout WireReader) throws {
        seen = 0
        while let tag = try reader.nextField() {
            if tag.number == 1 { seen = try reader.readInt64(tag) } else { try reader.skip(tag) }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeInt64(1, seen)
    }
}
