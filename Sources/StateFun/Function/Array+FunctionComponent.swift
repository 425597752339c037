/// A list of components stands in a ``Function`` body as one statement: what a helper that declares several
/// returns (`func auditing() -> [any FunctionComponent] { [auditLog, Emits(audit)] }`). Its handlers are declared
/// but, like those in an `if`, not counted as accepted by typed sends.
extension Array: FunctionComponent where Element == any FunctionComponent {
    /// Adds every component of the list to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        for component in self { component.contribute(to: &draft) }
    }
}
