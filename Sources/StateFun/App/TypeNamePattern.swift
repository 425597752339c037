/// The functions an ``Endpoint`` serves, as module.yaml's `functions` names them: one function type
/// (`example/greeter`) or every function of a namespace (`example/*`).
///
/// ```swift
/// Endpoint(functions: "example/*", urlPathTemplate: "http://greeter:8000/statefun")
/// Endpoint(functions: .namespace("example"), urlPathTemplate: "http://greeter:8000/statefun")
/// Endpoint(functions: .function(greeter.typeName), urlPathTemplate: "http://greeter:8000/greeter")
/// ```
///
/// A pattern is checked with the rest of the app (``App/validate()``), not when it is made, so that every problem
/// is reported at once.
public struct TypeNamePattern: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The pattern as module.yaml writes it.
    public let text: String

    /// A pattern from its module.yaml text: `namespace/name` or `namespace/*`.
    public init(_ text: String) {
        self.text = text
    }

    /// A pattern from a string literal: `"example/*"`.
    public init(stringLiteral text: String) {
        self.text = text
    }

    /// Every function of `namespace` (`namespace/*`).
    public static func namespace(_ namespace: String) -> TypeNamePattern {
        TypeNamePattern(namespace + "/*")
    }

    /// The function type `typeName` alone.
    public static func function(_ typeName: TypeName) -> TypeNamePattern {
        TypeNamePattern(typeName.description)
    }

    /// The module.yaml text.
    public var description: String { text }
}
