/// One problem ``App/validate()`` found in an app's declarations.
///
/// Validation collects every problem instead of stopping at the first. An ``Severity/error`` is something the
/// runtime or this SDK would refuse or get wrong (the runtime would fail to load module.yaml, a message would
/// have nowhere to go); the `serve` command refuses to start on one. A ``Severity/warning`` is probably a
/// mistake but works; a ``Severity/note`` is information.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The app is wrong: the runtime would reject it or misbehave, and ``App/serve(_:)`` refuses it.
        case error
        /// Probably a mistake, but the app can run.
        case warning
        /// Information about the declaration.
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        /// Orders by the text form.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How bad it is.
    public let severity: Severity
    /// A stable kebab-case identifier of the rule, e.g. `duplicate-state` (listed in Docs/ModuleYAML.md).
    public let code: String
    /// The declaration at fault, e.g. `function example/greeter`, `kafka ingress example/names`, `app`.
    public let declaration: String
    /// What is wrong, naming the declaration, and how to fix it where that is not obvious.
    public let message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, code: String, declaration: String, message: String) {
        self.severity = severity
        self.code = code
        self.declaration = declaration
        self.message = message
    }

    /// `error: <message> [code]`.
    public var description: String { "\(severity.rawValue): \(message) [\(code)]" }
}
