public import StateFun

// TestInvocation and its result also take functions and their typed addresses.

extension TestInvocation {
    /// Prepares an invocation of `function`'s instance `id`: `TestInvocation(app: app, function: greeter, id: "ann")`.
    public init<Accepted>(
        app: App, function: Function<Accepted>, id: String, protocolVersion: ProtocolVersion = .v3
    ) {
        self.init(app: app, function: function.typeName, id: id, protocolVersion: protocolVersion)
    }

    /// Makes the messages come from `caller`.
    public func caller<Accepted>(_ caller: FunctionAddress<Accepted>) -> TestInvocation {
        self.caller(caller.address)
    }
}

extension InvocationResult {
    /// The values of type `V` sent to `target`, in order; messages of other types are skipped.
    public func sentValues<V: StateFunType, Accepted>(_ type: V.Type, to target: FunctionAddress<Accepted>) -> [V] {
        sentValues(type, to: target.address)
    }
}
