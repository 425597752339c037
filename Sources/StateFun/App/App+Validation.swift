extension App {
    /// Every problem in the app's declarations, errors first, then warnings and notes, each group in
    /// declaration order.
    ///
    /// The rules (one ``Diagnostic/code`` each; the table is in Docs/ModuleYAML.md): valid typenames for
    /// functions, handled message types, ingresses, routed value types and targets, egresses; valid and unique
    /// state names; unique functions, ingresses, egresses and endpoint patterns; ingress targets that are
    /// declared functions able to handle the routed type; egresses a function ``Emits`` that are declared;
    /// functions a function ``Sends`` to that exist (declared, or served elsewhere behind an endpoint);
    /// endpoint patterns and URLs the runtime accepts, an endpoint for every function; durations and counts the
    /// runtime accepts (`protocol.md` §4, §5); and the problems found while declaring (two `Otherwise`, a
    /// component nested too deep).
    public func validate() -> [Diagnostic] {
        var validator = AppValidator(model: model)
        validator.run()
        let order: [Diagnostic.Severity] = [.error, .warning, .note]
        return order.flatMap { severity in validator.diagnostics.filter { $0.severity == severity } }
    }

    /// The report the entry point prints before refusing to serve an app with errors, or `nil` when it has
    /// none (warnings alone do not stop it).
    package func validationErrorReport() -> String? {
        let diagnostics = validate()
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return nil }
        var report = "the app has \(errors.count) error\(errors.count == 1 ? "" : "s"):\n"
        for diagnostic in diagnostics { report += "  \(diagnostic)\n" }
        return report
    }
}
