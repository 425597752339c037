import StateFunProtocol
/// A handler's code: synchronous handlers are called directly, so a batch of them runs without an async call
/// (and its task-allocator frame and executor check) per message.
package enum HandlerBody: Sendable {
    case sync(@Sendable (Context, Message) throws -> Void)
    case async(@Sendable (Context, Message) async throws -> Void)

    @inline(__always)
    package func callAsFunction(_ context: Context, _ message: Message) async throws {
        switch self {
        case .sync(let body): try body(context, message)
        case .async(let body): try await body(context, message)
        }
    }

    package var isSynchronous: Bool {
        if case .sync = self { return true }
        return false
    }
}

/// A function as the registry keeps it: its type, its state specs and how it dispatches messages.
package struct FunctionDefinition: Sendable {
    /// A handler for one message type.
    package struct TypedHandler: Sendable {
        /// The accepted type's typename on 3.x.
        package var typeName: TypeName
        /// The accepted type's `Any` type URL on 2.x (``AnyCodec``).
        package var anyTypeURL: String
        package var call: HandlerBody
        /// The accepted Swift type (the development server decodes and shows values of it).
        package var valueType: (any StateFunType.Type)? = nil

        package func accepts(_ received: String, _ codec: any ProtocolCodec.Type) -> Bool {
            codec.matches(received, expected: codec.typeName(typeName, anyTypeURL: anyTypeURL))
        }
    }

    package var typeName: TypeName
    package var specs: [AnyValueSpec]
    package var handlers: [TypedHandler]
    /// The catch-all for messages no typed handler accepts; `nil` fails such a message (the default policy).
    package var otherwise: HandlerBody?
    /// Egresses the declaration says the function writes to (``Emits``).
    package var egresses: [TypeName]
    /// Function types the declaration says the function sends to (``Sends``), resolved when the app is built.
    package var sends: [TypeName] = []
    /// Whether the function declares its routing (any ``Sends`` or ``Emits``): then each send and egress write is
    /// checked against it (``DeclaredRouting``).
    package var declaresRouting = false
    /// What a permanent failure of an invocation does (``OnFailure``); `.retry` unless declared.
    package var failurePolicy: FailurePolicy = .retry
    /// Whether an ``OnFailure`` declared the policy (a second one is reported).
    package var hasFailurePolicy = false

    package init(typeName: TypeName) {
        self.typeName = typeName
        self.specs = []
        self.handlers = []
        self.otherwise = nil
        self.egresses = []
    }

    /// Whether every handler is synchronous: then a batch runs in a plain loop (``dispatchSynchronously(_:_:)``),
    /// with no suspension point that would make it copy each message into an async frame.
    package var isSynchronous: Bool {
        handlers.allSatisfy(\.call.isSynchronous) && (otherwise?.isSynchronous ?? true)
    }

    /// Runs the handler that accepts `message`; only for functions whose handlers are all synchronous.
    @inline(__always)
    package func dispatchSynchronously(_ context: Context, _ message: Message) throws {
        for handler in handlers where handler.accepts(message.typeName, context.codec) {
            if case .sync(let body) = handler.call { return try body(context, message) }
        }
        if case .sync(let body) = otherwise { return try body(context, message) }
        throw StateFunError.unhandledMessage(function: typeName, typeName: message.typeName)
    }

    /// Runs the handler that accepts `message`.
    @inline(__always)
    package func dispatch(_ context: Context, _ message: Message) async throws {
        for handler in handlers where handler.accepts(message.typeName, context.codec) {
            return try await handler.call(context, message)
        }
        if let otherwise { return try await otherwise(context, message) }
        throw StateFunError.unhandledMessage(function: typeName, typeName: message.typeName)
    }
}
