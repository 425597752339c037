// Typed ingress routes: `KinesisStream("…", valueType: GreetRequest.self, targets: greeter)` compiles only when `greeter`
// handles `GreetRequest` (or has an Otherwise), with the same one-overload-per-handler-position technique as the
// typed sends (Function/Context+TypedSend.swift). The untyped form, `targets: "example/greeter"`, stays for
// several targets and for functions declared elsewhere.

extension KinesisStream {
    /// Routes `stream` to `target`, whose first handler takes `valueType`.
    public init<Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose second handler takes `valueType`.
    public init<H1, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose third handler takes `valueType`.
    public init<H1, H2, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, H2, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose fourth handler takes `valueType`.
    public init<H1, H2, H3, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, H2, H3, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose fifth handler takes `valueType`.
    public init<H1, H2, H3, H4, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, H2, H3, H4, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose sixth handler takes `valueType`.
    public init<H1, H2, H3, H4, H5, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, H2, H3, H4, H5, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose seventh handler takes `valueType`.
    public init<H1, H2, H3, H4, H5, H6, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, H2, H3, H4, H5, H6, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, whose eighth handler takes `valueType`.
    public init<H1, H2, H3, H4, H5, H6, H7, Value: StateFunType, each R>(_ stream: String, valueType: Value.Type, targets target: Function<Handles<H1, H2, H3, H4, H5, H6, H7, Value, repeat each R>>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// Routes `stream` to `target`, a function with an ``Otherwise``: it takes any value type.
    public init<Value: StateFunType>(_ stream: String, valueType: Value.Type, targets target: Function<HandlesAnything>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }

    /// What a route to a function that does not handle `valueType` resolves to: a compile error.
    @_documentation(visibility: internal)
    @available(*, unavailable, message: "the target function has no Handle for this valueType: add a Handle for it (or an Otherwise) to the function, or route by typename (targets: \"namespace/name\")")
    public init<Value: StateFunType, Accepted>(_ stream: String, valueType: Value.Type, targets target: Function<Accepted>) {
        self.init(stream, valueType: valueType, targets: target.typeName)
    }
}
