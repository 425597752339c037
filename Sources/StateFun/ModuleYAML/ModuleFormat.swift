/// The module.yaml layouts the runtime has read over its versions (`protocol.md` §5).
///
/// | format | runtime | shape |
/// |---|---|---|
/// | ``components`` | 3.1+ | one YAML document per component: `kind` + `spec` |
/// | ``v3_0`` | 3.0 (3.1+ still read it) | `version: "3.0"`, `module.spec.{endpoints, ingresses, egresses}` |
/// | ``v2_0`` | 2.1, 2.2 | `version: "2.0"`, `module.spec.{functions, ingresses, egresses}`, states with expiration |
/// | ``v1_0`` | 2.0 (2.1, 2.2 still read it) | `version: "1.0"`, as 2.0 with states as plain names |
public enum ModuleFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The component format of StateFun 3.1 and later (the default).
    case components
    /// Format "3.0" of StateFun 3.0.
    case v3_0 = "3.0"
    /// Format "2.0" of StateFun 2.1 and 2.2.
    case v2_0 = "2.0"
    /// Format "1.0" of StateFun 2.0.
    case v1_0 = "1.0"

    /// `components`, `3.0`, `2.0` or `1.0`, as the command line spells it.
    public var description: String { rawValue }

    /// Which runtime versions read this format.
    public var runtimeVersions: String {
        switch self {
        case .components: "StateFun 3.1+"
        case .v3_0: "StateFun 3.0+"
        case .v2_0: "StateFun 2.1, 2.2"
        case .v1_0: "StateFun 2.0, 2.1, 2.2"
        }
    }
}
