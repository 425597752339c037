package import StateFunWire
/// The value of a Kafka or Kinesis egress record, turned into the record's `value_bytes` as the official SDKs
/// do: a string as UTF-8, an integer as 4 bytes big-endian (Kafka's IntegerSerializer), a double as 8 bytes
/// big-endian, bytes as they are, and any ``StateFunType`` value as its serializer's output.
public struct EgressValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral
{
    enum Storage: Sendable {
        case utf8(String)
        case int32(Int32)
        case double(Double)
        case bytes([UInt8])
        case typed(any StateFunType)
    }

    let storage: Storage

    /// UTF-8 text.
    public static func string(_ value: String) -> EgressValue { EgressValue(storage: .utf8(value)) }
    /// A 32-bit integer, 4 bytes big-endian (Kafka only).
    public static func int(_ value: Int32) -> EgressValue { EgressValue(storage: .int32(value)) }
    /// A double, 8 bytes big-endian (Kafka only).
    public static func double(_ value: Double) -> EgressValue { EgressValue(storage: .double(value)) }
    /// Raw bytes.
    public static func bytes(_ value: [UInt8]) -> EgressValue { EgressValue(storage: .bytes(value)) }
    /// A value serialized by its type (on 2.x, built-ins use their google.protobuf wrapper encoding).
    public static func typed(_ value: some StateFunType) -> EgressValue { EgressValue(storage: .typed(value)) }

    /// Creates the value from a string literal.
    public init(stringLiteral value: String) { storage = .utf8(value) }
    /// Creates the value from an integer literal.
    public init(integerLiteral value: Int32) { storage = .int32(value) }
    /// Creates the value from a floating-point literal.
    public init(floatLiteral value: Double) { storage = .double(value) }

    init(storage: Storage) {
        self.storage = storage
    }

    /// Appends the value's bytes to `writer` (see ``bytes(_:kinesis:)``).
    package func write(_ codec: any ProtocolCodec.Type, kinesis: Bool, to writer: inout WireWriter) throws {
        switch storage {
        case .utf8(let s): writer.writeRaw(s.utf8)
        case .bytes(let b): writer.writeRaw(b)
        case .typed(let value):
            func encode<V: StateFunType>(_ v: V) throws { try codec.write(v, to: &writer) }
            try encode(value)
        default: writer.writeRaw(try bytes(codec, kinesis: kinesis))
        }
    }

    package func bytes(_ codec: any ProtocolCodec.Type, kinesis: Bool) throws -> [UInt8] {
        switch storage {
        case .utf8(let s): return Array(s.utf8)
        case .bytes(let b): return b
        case .int32(let v):
            if kinesis { throw StateFunError.invalidArgument("a Kinesis record value must be text, bytes or typed") }
            let u = UInt32(bitPattern: v)
            return [UInt8(u >> 24), UInt8(truncatingIfNeeded: u >> 16), UInt8(truncatingIfNeeded: u >> 8),
                UInt8(truncatingIfNeeded: u)]
        case .double(let v):
            if kinesis { throw StateFunError.invalidArgument("a Kinesis record value must be text, bytes or typed") }
            let u = v.bitPattern
            return (0..<8).map { UInt8(truncatingIfNeeded: u >> (56 - 8 * UInt64($0))) }
        case .typed(let value):
            func encode<V: StateFunType>(_ v: V) throws -> [UInt8] { Array(try codec.encode(v).bytes) }
            return try encode(value)
        }
    }
}
