extension App {
    /// The runtime's module.yaml for this app: every endpoint, ingress and egress, in `format`.
    ///
    /// Every string is quoted and escaped as YAML needs, durations are written in the form every runtime reads
    /// (``ModuleFormat`` and Docs/ModuleYAML.md give the mapping of each declaration). Functions no
    /// ``Endpoint`` covers are served at ``Endpoint/defaultURL``. What a format cannot express (an asynchronous
    /// transport before 3.1, state expiration in format 1.0) is left out and named in a comment at the top.
    ///
    /// Run ``validate()`` first: the YAML of an app with errors is written as well as it can be, but the
    /// runtime may refuse it.
    ///
    /// - Parameters:
    ///   - format: the module.yaml format of the runtime version the app is deployed on.
    ///   - endpoint: a URL that replaces the URL of every endpoint (and the default one), e.g. the address a
    ///     deployment reaches the functions at.
    public func moduleYAML(format: ModuleFormat = .components, endpoint: String? = nil) -> String {
        var renderer = ModuleRenderer(model: model, format: format, endpointOverride: endpoint)
        return YAMLWriter.render(renderer.documents())
    }
}

extension App {
    /// What ``moduleYAML(format:endpoint:)`` leaves out of `format` although the app declares it, as warnings for
    /// the `module-yaml` command (the YAML names them in its top comment too): the maintained fork's
    /// `forwardHeaders` in the 2.x formats (`format-drops-setting`).
    package func moduleYAMLDiagnostics(format: ModuleFormat) -> [Diagnostic] {
        guard format == .v2_0 || format == .v1_0 else { return [] }
        return model.ingresses.compactMap { ingress in
            guard case .kafka(let kafka) = ingress.declaration,
                kafka.forwardHeaders != nil || kafka.topics.contains(where: { $0.forwardHeaders != nil })
            else { return nil }
            return Diagnostic(
                .warning, code: "format-drops-setting", declaration: "kafka ingress \(kafka.id)",
                message: "format \(format): " + ModuleRenderer.forwardHeadersLeftOut(kafka.id))
        }
    }
}
