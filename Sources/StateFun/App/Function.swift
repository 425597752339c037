/// Declares a stateful function: its typename, its state and its message handlers.
///
/// ```swift
/// let greeter = Function("example/greeter") {
///     seen                                   // a ValueSpec<Int32>
///     Handle(GreetRequest.self) { context, request in ... }
///     Otherwise { context, message in ... }  // optional catch-all
/// }
/// ```
///
/// The type argument is what the function accepts, worked out from its body by the ``FunctionBuilder``:
/// ``Handles`` of its handlers' types (`Function<Handles<GreetRequest>>`), or ``HandlesAnything`` when it has an
/// ``Otherwise``. It is never written by hand (`let greeter = Function(…) { … }` infers it), and it makes the
/// function's references typed: `greeter("ann")` is a ``FunctionAddress`` that `context.send` accepts only with
/// a message the function handles, and an ingress routes to `greeter` only a value type it handles.
public struct Function<Accepted>: PrimitiveAppComponent {
    let draft: FunctionDefinitionDraft

    /// The function's typename.
    public var typeName: TypeName { draft.definition.typeName }

    /// Declares the function `typeName` with the components `body` lists.
    public init(_ typeName: TypeName, @FunctionBuilder _ body: () -> Accepted) where Accepted: FunctionBody {
        var draft = FunctionDefinitionDraft(typeName: typeName)
        body().contribute(to: &draft)
        self.draft = draft
    }

    /// The address of this function's instance `id`, typed with what the function accepts: `greeter("ann")`.
    /// Its ``FunctionAddress/address`` is the untyped ``Address``.
    public func callAsFunction(_ id: String) -> FunctionAddress<Accepted> {
        FunctionAddress(Address(typeName, id: id))
    }

    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        var definition = draft.definition
        definition.sends = draft.sendTargets.map { $0() }
        model.functions.append(definition)
        for problem in draft.problems { model.functionProblems.append((typeName, problem)) }
    }
}
