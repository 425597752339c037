/// Builds the body of a ``Function`` and works out, from the statements, which message types it accepts.
///
/// Each statement is folded into the result in order (`buildPartialBlock`, as swift-regex's builder accumulates
/// capture types): a ``Handle`` of `V` appends `V` to ``Handles``, an ``Otherwise`` turns the result into
/// ``HandlesAnything``, and any other component (a ``ValueSpec``, ``Emits``, a list a helper returns) leaves it
/// unchanged. `if`, `if/else`, `switch`, `for` and `if #available` work as in every other body; the handlers inside
/// them are declared but not counted as accepted, since they may not be there at run time.
///
/// One overload per statement kind keeps type-checking linear in the number of statements.
@resultBuilder
public enum FunctionBuilder {
    /// An empty body.
    @_documentation(visibility: internal)
    public static func buildBlock() -> Handles< > { Handles([]) }

    /// A body that starts with a handler.
    @_documentation(visibility: internal)
    public static func buildPartialBlock<Value>(first: Handle<Value>) -> Handles<Value> { Handles([first]) }

    /// A body that starts with the catch-all.
    @_documentation(visibility: internal)
    public static func buildPartialBlock(first: Otherwise) -> HandlesAnything { HandlesAnything([first]) }

    /// A body that starts with another component.
    @_documentation(visibility: internal)
    public static func buildPartialBlock<Component: FunctionComponent>(first: Component) -> Handles< > {
        Handles([first])
    }

    /// A handler after the components so far: its type is accepted too.
    @_documentation(visibility: internal)
    public static func buildPartialBlock<each Message, Value>(
        accumulated: Handles<repeat each Message>, next: Handle<Value>
    ) -> Handles<repeat each Message, Value> {
        Handles(accumulated.components + [next])
    }

    /// The catch-all after the components so far: anything is accepted.
    @_documentation(visibility: internal)
    public static func buildPartialBlock<each Message>(accumulated: Handles<repeat each Message>, next: Otherwise)
        -> HandlesAnything
    {
        HandlesAnything(accumulated.components + [next])
    }

    /// Another component after the components so far: what is accepted does not change.
    @_documentation(visibility: internal)
    public static func buildPartialBlock<each Message, Component: FunctionComponent>(
        accumulated: Handles<repeat each Message>, next: Component
    ) -> Handles<repeat each Message> {
        Handles(accumulated.components + [next])
    }

    /// Any component after a catch-all: anything is still accepted.
    @_documentation(visibility: internal)
    public static func buildPartialBlock<Component: FunctionComponent>(accumulated: HandlesAnything, next: Component)
        -> HandlesAnything
    {
        HandlesAnything(accumulated.components + [next])
    }

    // The control-flow methods take existentials, not generics: the result of an `if` block feeds a generic
    // `buildOptional` through a one-way constraint, and the compiler then fails to infer the block's component type
    // ("generic parameter could not be inferred", Swift 6.3). These run once per declaration, not per message.

    /// An `if` without `else`: its components, or none.
    @_documentation(visibility: internal)
    public static func buildOptional(_ part: (any FunctionComponent)?) -> [any FunctionComponent] {
        part.map { [$0] } ?? []
    }

    /// The first branch of an `if/else` or `switch`.
    @_documentation(visibility: internal)
    public static func buildEither(first part: any FunctionComponent) -> [any FunctionComponent] { [part] }

    /// The second branch of an `if/else` or `switch`.
    @_documentation(visibility: internal)
    public static func buildEither(second part: any FunctionComponent) -> [any FunctionComponent] { [part] }

    /// A `for` loop: the components of every iteration.
    @_documentation(visibility: internal)
    public static func buildArray(_ parts: [any FunctionComponent]) -> [any FunctionComponent] { parts }

    /// An `if #available` branch.
    @_documentation(visibility: internal)
    public static func buildLimitedAvailability(_ part: any FunctionComponent) -> [any FunctionComponent] { [part] }
}
