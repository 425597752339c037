/// Everything an ``App`` declares, flattened: the single source of truth for the registry, validation,
/// module.yaml and describe.
package struct AppModel: Sendable {
    package var functions: [FunctionDefinition] = []
    /// Problems found while declaring (per function), reported by validation.
    package var functionProblems: [(function: TypeName, problem: String)] = []
    /// Problems not tied to one declaration.
    package var problems: [String] = []

    package init() {}
}
