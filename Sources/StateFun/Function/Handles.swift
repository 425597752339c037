/// What a ``Function`` accepts when its body lists handlers and no ``Otherwise``: the types of its ``Handle``s, in
/// the order of the body.
///
/// It is the phantom that makes a function's references typed: `Function("example/hello") { Handle(User.self) {…} }`
/// is a `Function<Handles<User>>`, `hello("ann")` a ``FunctionAddress`` of `Handles<User>`, and
/// `context.send(Admin(), to: hello("ann"))` does not compile. Only the handlers written directly in the body count;
/// one inside an `if` or a `for` may not be there at run time, so the function is not known to accept its type
/// (send such messages to ``FunctionAddress/address``, the untyped ``Address``).
///
/// Typed sends know a function's first eight handlers (one `send` overload per position); a message for a later
/// one goes to ``FunctionAddress/address``.
public struct Handles<each Message>: FunctionBody {
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
