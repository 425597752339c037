/// Something that can stand in a ``Function`` declaration: a ``ValueSpec``, a ``Handle``, ``Otherwise``,
/// ``Emits``, or a list of those (a helper that returns several).
public protocol FunctionComponent: Sendable {
    /// Adds this component to the function being declared (the SDK's components only).
    @_documentation(visibility: internal)
    func contribute(to definition: inout FunctionDefinitionDraft)
}

/// The function being declared, as components add to it: the builder's working state, not API to write against.
@_documentation(visibility: internal)
public struct FunctionDefinitionDraft: Sendable {
    package var definition: FunctionDefinition
    /// Problems found while declaring, reported by ``App/validate()``.
    package var problems: [String] = []
    /// The ``Sends`` targets, read when the app is built (so functions can name each other).
    package var sendTargets: [@Sendable () -> TypeName] = []

    package init(typeName: TypeName) {
        definition = FunctionDefinition(typeName: typeName)
    }
}

extension ValueSpec: FunctionComponent {
    /// Adds this component to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        draft.definition.specs.append(erased)
    }
}

/// A handler for messages of one type: the value arrives decoded.
///
/// ```swift
/// Handle(GreetRequest.self) { context, request in
///     try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(GreetResponse(...))))
/// }
/// ```
///
/// A function accepts several types by declaring several handlers (the Python SDK's `typing.Union` hints).
/// The closure may be synchronous or `async`.
public struct Handle<Value: StateFunType>: FunctionComponent {
    let body: HandlerBody

    /// Declares the handler for `type`.
    public init(_ type: Value.Type, _ body: @escaping @Sendable (Context, Value) throws -> Void) {
        self.body = .sync { context, message in try body(context, try Self.decode(message, context)) }
    }

    /// Declares an `async` handler for `type`.
    public init(_ type: Value.Type, _ body: @escaping @Sendable (Context, Value) async throws -> Void) {
        self.body = .async { context, message in try await body(context, try Self.decode(message, context)) }
    }

    private static func decode(_ message: Message, _ context: Context) throws -> Value {
        try context.codec.decode(message.payload ?? [], as: Value.self)
    }

    /// Adds this component to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        draft.definition.handlers.append(
            FunctionDefinition.TypedHandler(
                typeName: Value.typeName, anyTypeURL: AnyCodec.typeName(of: Value.self), call: body,
                valueType: Value.self))
    }
}

/// The catch-all handler for messages no ``Handle`` accepts; it gets the undecoded ``Message``.
///
/// Without one, such a message fails the batch with an error naming its type.
public struct Otherwise: FunctionComponent {
    let body: HandlerBody

    /// Declares the catch-all.
    public init(_ body: @escaping @Sendable (Context, Message) throws -> Void) {
        self.body = .sync(body)
    }

    /// Declares an `async` catch-all.
    public init(_ body: @escaping @Sendable (Context, Message) async throws -> Void) {
        self.body = .async(body)
    }

    /// Adds this component to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        if draft.definition.otherwise != nil {
            draft.problems.append("declares more than one Otherwise handler")
        }
        draft.definition.otherwise = body
    }
}

/// Declares the egresses the function's handlers write to: with ``Sends``, the function's routing.
///
/// ``App/validate()`` checks that each is declared in the app. Once a function declares any routing, a write to
/// an egress it does not name throws ``StateFunError/undeclaredEgress(function:egress:)`` at once, in every mode
/// (see ``Sends``).
public struct Emits: FunctionComponent {
    let egresses: [TypeName]

    /// Names the egresses the function's handlers send to.
    public init(_ egresses: TypeName...) {
        self.egresses = egresses
    }

    /// Adds this component to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        draft.definition.declaresRouting = true
        draft.definition.egresses.append(contentsOf: egresses)
    }
}
