// The runtime's address-taking API also takes a function's typed address (`greeter("ann")`), so code that passed
// an Address before keeps compiling. These are not type-checked against the function's handlers: the runtime is
// where a test injects what a real ingress or another language could send, and LocalRuntime reports a message no
// handler takes when it is delivered.

extension LocalRuntime {
    /// Sends `value` to `target` with no caller, as an ingress would.
    public func send<Accepted>(_ value: some StateFunType, to target: FunctionAddress<Accepted>) throws(RuntimeError) {
        try send(value, to: target.address)
    }

    /// Sends an undecoded message to `target` with no caller.
    public func send<Accepted>(_ message: Message, to target: FunctionAddress<Accepted>) throws(RuntimeError) {
        try send(message, to: target.address)
    }

    /// The current, unexpired state values of `address` by state name.
    public func state<Accepted>(of address: FunctionAddress<Accepted>) -> [String: Message] {
        state(of: address.address)
    }

    /// The current value of `spec` at `address`, decoded; `nil` when it has none (or it expired).
    public func state<V: StateFunType, Accepted>(_ spec: ValueSpec<V>, of address: FunctionAddress<Accepted>) throws
        -> V?
    {
        try state(spec, of: address.address)
    }
}
