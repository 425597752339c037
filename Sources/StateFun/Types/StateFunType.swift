public import StateFunWire
/// A Swift type whose values StateFun can carry: as messages, as state, inside egress records.
///
/// This is the Swift form of the SDKs' `Type` (Python `make_json_type`, Java `Type<T>`, Go `SimpleType`):
/// a typename that travels with every value, and a serializer. The six StateFun built-ins are provided
/// (`Bool`, `Int32`, `Int64`, `Float`, `Double`, `String`, as `io.statefun.types/*`); ``JSONType`` covers
/// `Codable` values, ``ProtobufMessage`` hand-written protobuf messages, and any other type conforms directly
/// with its own serializer:
///
/// ```swift
/// struct Celsius: StateFunType {
///     static let typeName: TypeName = "com.example/Celsius"
///     var degrees: Double
///     static func deserialize(from bytes: [UInt8]) throws -> Celsius { ... }
///     func serialize() throws -> [UInt8] { ... }
/// }
/// ```
public protocol StateFunType: Sendable {
    /// The typename every value of this type travels with.
    static var typeName: TypeName { get }
    /// Decodes a value; throw when the bytes are not a value of this type.
    static func deserialize(from bytes: [UInt8]) throws -> Self
    /// Decodes a value from a slice of a larger buffer (a message's payload inside the request).
    ///
    /// The default copies the slice and calls ``deserialize(from:)-([UInt8])``; built-in and protobuf types read
    /// the slice in place, which saves an allocation per received value.
    static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Self
    /// Encodes this value.
    func serialize() throws -> [UInt8]
    /// Appends this value's serialized bytes to `writer`.
    ///
    /// The default appends ``serialize()``'s result; built-in and protobuf types write straight into the
    /// response instead, which saves an allocation per value on the hot path.
    func serialize(to writer: inout WireWriter) throws
}

extension StateFunType {
    /// Copies the slice and decodes it with ``deserialize(from:)-([UInt8])``.
    public static func deserialize(from bytes: ArraySlice<UInt8>) throws -> Self {
        try deserialize(from: Array(bytes))
    }

    /// Appends the serialized value to `writer`.
    public func serialize(to writer: inout WireWriter) throws {
        writer.writeRaw(try serialize())
    }
}
