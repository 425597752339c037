/// Every problem a `deploy` command finds in its options and in the app, collected (not just the first) as
/// diagnostics that name the option or declaration at fault. The command prints them all and writes nothing
/// when one is an error.
package struct DeployProblems: Sendable {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// An error about `declaration` (`option --namespace`, `endpoint http://…`, `app`).
    package mutating func error(_ code: String, _ declaration: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, code: code, declaration: declaration, message: message))
    }

    /// A warning: the files are written, but probably not what a production deployment wants.
    package mutating func warning(_ code: String, _ declaration: String, _ message: String) {
        diagnostics.append(Diagnostic(.warning, code: code, declaration: declaration, message: message))
    }

    /// Records `problem`, when there is one, as an error about the option `--name` (code `deploy-option`).
    package mutating func check(option name: String, _ problem: String?) {
        guard let problem else { return }
        error("deploy-option", "option --\(name)", "--\(name): \(problem)")
    }

    /// Appends the diagnostics of another collection.
    package mutating func append(contentsOf other: [Diagnostic]) { diagnostics += other }
}
