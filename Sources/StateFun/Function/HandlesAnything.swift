/// What a ``Function`` with an ``Otherwise`` accepts: any message, so a typed send to it compiles whatever the
/// value's type.
public struct HandlesAnything: FunctionBody {
    let components: [any FunctionComponent]

    init(_ components: [any FunctionComponent]) {
        self.components = components
    }

    /// Adds the body's components to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        for component in components { component.contribute(to: &draft) }
    }
}
