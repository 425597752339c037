/// Declares a stateful function: its typename, its state and its message handlers.
///
/// ```swift
/// Function("example/greeter") {
///     seen                                   // a ValueSpec<Int32>
///     Handle(GreetRequest.self) { context, request in ... }
///     Otherwise { context, message in ... }  // optional catch-all
/// }
/// ```
public struct Function: PrimitiveAppComponent {
    let draft: FunctionDefinitionDraft

    /// The function's typename.
    public var typeName: TypeName { draft.definition.typeName }

    /// Declares the function `typeName` with the components `body` lists.
    public init(_ typeName: TypeName, @FunctionBuilder _ body: () -> [any FunctionComponent]) {
        var draft = FunctionDefinitionDraft(typeName: typeName)
        for component in body() { component.contribute(to: &draft) }
        self.draft = draft
    }

    /// The address of this function's instance `id`: `greeter("ann")`.
    public func callAsFunction(_ id: String) -> Address { Address(typeName, id: id) }

    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        model.functions.append(draft.definition)
        for problem in draft.problems { model.functionProblems.append((typeName, problem)) }
    }
}
