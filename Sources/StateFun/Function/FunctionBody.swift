/// What the body of a ``Function`` builds: ``Handles`` (the types its handlers take) or ``HandlesAnything`` (it has
/// an ``Otherwise``). The ``FunctionBuilder`` makes it; it becomes the function's type argument.
public protocol FunctionBody: FunctionComponent {}
