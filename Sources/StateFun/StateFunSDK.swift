/// Facts about the SDK itself.
public enum StateFunSDK {
    /// The release of swift-statefun this code is, `major.minor.patch`. Releases follow semantic versioning as
    /// Docs/Versioning.md defines it (public API, wire bytes, module.yaml output, command line);
    /// `<app> --version` and `statefun-conformance --version` print it.
    public static let version = "0.1.0"
}
