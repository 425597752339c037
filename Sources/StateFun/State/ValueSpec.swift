import StateFunProtocol
/// A declared state value of a function: its name, its type and its expiration.
///
/// The typed key for reading and writing state: `try context.storage.get(seen)` is a `V?`, and storing a value
/// of another type does not compile.
///
/// ```swift
/// let seen = ValueSpec<Int32>("seen", expireAfterCall: .seconds(60))
/// ```
///
/// Names follow the official SDKs: a letter or `_`, then letters, digits and `_` (Java's and Go's rule); a name
/// that breaks it is reported by ``App/validate()``.
public struct ValueSpec<Value: StateFunType>: Sendable, Hashable {
    /// The state's name, unique within its function.
    public let name: String
    /// When the runtime drops the value.
    public let expiration: Expiration
    /// The spec without its static type, computed once (it is consulted on every state access).
    @usableFromInline package let erased: AnyValueSpec

    /// Declares a state with the given expiration (none by default).
    public init(_ name: String, as type: Value.Type = Value.self, expiration: Expiration = .none) {
        self.name = name
        self.expiration = expiration
        self.erased = AnyValueSpec(
            name: name, typeName: Value.typeName, expiration: expiration,
            anyTypeURL: AnyCodec.typeName(of: Value.self),
            typeNumber: TypeNameIdentity.number(of: Value.typeName))
    }

    /// Declares a state that expires when the function has not been called for `duration`.
    public init(_ name: String, as type: Value.Type = Value.self, expireAfterCall duration: Duration) {
        self.init(name, expiration: .afterCall(duration))
    }

    /// Declares a state that expires `duration` after its last write.
    public init(_ name: String, as type: Value.Type = Value.self, expireAfterWrite duration: Duration) {
        self.init(name, expiration: .afterWrite(duration))
    }

}

/// A ``ValueSpec`` without its static type: what the registry, validation and module.yaml work with.
@usableFromInline package struct AnyValueSpec: Sendable, Hashable {
    package var name: String
    package var typeName: TypeName
    package var expiration: Expiration
    /// The `Any` type URL values of this state carry on the 2.x protocol (``AnyCodec``).
    package var anyTypeURL: String
    /// ``TypeNameIdentity`` of `typeName`.
    package var typeNumber: Int

    /// The typename values of this state carry under `codec`.
    package func typeName(in codec: any ProtocolCodec.Type) -> String {
        codec.typeName(typeName, anyTypeURL: anyTypeURL)
    }

    /// Why the name is invalid, or `nil`.
    package var nameError: String? { AnyValueSpec.nameError(name) }

    package static func nameError(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "a state name must not be empty" }
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        guard isLetter(first) else { return "a state name must start with a letter or '_'" }
        for c in name.unicodeScalars where !(isLetter(c) || (c >= "0" && c <= "9")) {
            return "a state name may contain only letters, digits and '_' (found '\(c)')"
        }
        return nil
    }
}
