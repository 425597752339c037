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
