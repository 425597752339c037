/// The address of one instance of a function declared in this app, typed with what the function accepts:
/// `greeter("ann")` for `let greeter = Function("example/greeter") { Handle(GreetRequest.self) { … } }` is a
/// `FunctionAddress<Handles<GreetRequest>>`.
///
/// `context.send(value, to: greeter("ann"))` compiles only when the function has a ``Handle`` for the value's type
/// (or an ``Otherwise``); a mistake is a compile error that says the target has no handler for it. Everywhere an
/// ``Address`` is taken (``LocalRuntime``, tests, ``Context/reply(_:)-(V)``'s callers), ``address`` is the untyped
/// form, which also reaches functions served elsewhere.
public struct FunctionAddress<Accepted>: Hashable, Sendable, CustomStringConvertible {
    /// The untyped address: a send to it compiles with any value.
    public let address: Address

    @usableFromInline
    init(_ address: Address) {
        self.address = address
    }

    /// The function type, e.g. `example/greeter`.
    public var typeName: TypeName { address.typeName }
    /// The instance id, e.g. `ann`.
    public var id: String { address.id }
    /// `namespace/name/id`.
    public var description: String { address.description }
}
