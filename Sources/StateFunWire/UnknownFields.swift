/// The fields of a message that its generated code does not know, kept as their wire bytes (key and value) in
/// the order they arrived, and written back after the known fields, as every protobuf runtime does.
///
/// A newer peer's fields survive a round trip through an older schema this way (the protobuf language guide's
/// "unknown fields" section); closed (proto2) enums put values outside the enum here too.
public struct UnknownFields: Sendable, Hashable {
    /// The fields, encoded.
    public var bytes: [UInt8]

    /// No unknown fields.
    @inlinable
    public init() { bytes = [] }

    /// True when there are none.
    @inlinable
    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends an already encoded field (key and value).
    @inlinable
    public mutating func append(_ field: ArraySlice<UInt8>) {
        bytes.append(contentsOf: field)
    }

    /// Appends a varint field: where a closed enum's value that the enum does not define goes.
    @inlinable
    public mutating func appendVarint(_ field: UInt32, _ value: UInt64) {
        var writer = WireWriter(capacity: 16)
        writer.writeKey(field, .varint)
        writer.writeVarint(value)
        bytes.append(contentsOf: writer.writtenBytes)
    }
}
