/// An immutable heap cell for a generated message's singular message fields, so that a message may hold itself
/// (directly or through others) and stays a value type: a write replaces the cell, it never changes it.
///
/// Equality and hashing are the value's.
public final class ProtobufBox<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The boxed value.
    public let value: Value

    /// Boxes `value`.
    @inlinable
    public init(_ value: Value) { self.value = value }

    /// Compares the boxed values.
    @inlinable
    public static func == (lhs: ProtobufBox, rhs: ProtobufBox) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    /// Hashes the boxed value.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
