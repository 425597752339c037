/// The name of a function type, a message type or an egress: `<namespace>/<name>`.
///
/// StateFun splits a typename at its **last** `/` and requires both halves to be non-empty (the Python and Go
/// SDKs: `"/bar"`, `"n/"`, `"/"` and `""` are invalid). A literal in a declaration never traps: an invalid
/// one is kept and reported by ``App/validate()``; ``init(parsing:)`` checks eagerly.
public struct TypeName: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The part before the last `/`, e.g. `example`.
    public let namespace: String
    /// The part after the last `/`, e.g. `greeter`.
    public let name: String
    /// Set when the name was written without any `/`, so ``description`` can show it as written.
    @usableFromInline let unsplit: Bool
    /// The text as written, kept for typenames made from a string: declared typenames are compared with
    /// received strings on every message. `nil` for ones decoded from their two halves (addresses on the
    /// wire), which rarely need the joined form, so decoding one allocates nothing.
    @usableFromInline let text: String?

    /// `namespace/name`, as written.
    public var description: String { text ?? namespace + "/" + name }

    /// Creates a typename from its two halves, as they arrive on the wire (not validated).
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        self.unsplit = false
        self.text = nil
    }

    /// A typename whose parts are known (the built-ins'): nothing to split.
    @inlinable
    init(namespace: String, name: String, text: String) {
        self.namespace = namespace
        self.name = name
        self.unsplit = false
        self.text = text
    }

    /// Splits `string` at its last `/`; an invalid string is kept and reported by ``validationError``.
    public init(_ string: String) {
        if let slash = string.lastIndex(of: "/") {
            namespace = String(string[..<slash])
            name = String(string[string.index(after: slash)...])
            unsplit = false
        } else {
            namespace = ""
            name = string
            unsplit = true
        }
        text = string
    }

    /// Parses and validates `string`, throwing ``StateFunError/invalidTypeName(_:reason:)`` when it is invalid.
    public init(parsing string: String) throws(StateFunError) {
        self.init(string)
        if let reason = validationError { throw .invalidTypeName(string, reason: reason) }
    }

    /// Creates the value from a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Why this typename is invalid, or `nil` when it is valid.
    public var validationError: String? {
        if unsplit { return "a typename must have the form <namespace>/<name>" }
        if namespace.isEmpty { return "the namespace (before the last '/') must not be empty" }
        if name.isEmpty { return "the name (after the last '/') must not be empty" }
        return nil
    }

    /// True when both halves are present.
    @inlinable public var isValid: Bool { !unsplit && !namespace.isEmpty && !name.isEmpty }


    /// Orders by the text form.
    public static func < (lhs: TypeName, rhs: TypeName) -> Bool { lhs.description < rhs.description }

    /// Equal when every part is equal.
    public static func == (lhs: TypeName, rhs: TypeName) -> Bool {
        lhs.namespace == rhs.namespace && lhs.name == rhs.name && lhs.unsplit == rhs.unsplit
    }

    /// Hashes the parts that equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(name)
    }
}
