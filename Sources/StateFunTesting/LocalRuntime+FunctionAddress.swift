public import StateFun

// The testing conveniences also take a function's typed address (`greeter("ann")`).

extension LocalRuntime {
    /// Sends `value` to `target` with no caller and processes everything that follows until idle.
    public func sendAndWait<Accepted>(_ value: some StateFunType, to target: FunctionAddress<Accepted>)
        async throws(RuntimeError)
    {
        try await sendAndWait(value, to: target.address)
    }

    /// The value of `spec` at `address`; `nil` when it has none, it expired, or it does not decode as `V`.
    public func value<V: StateFunType, Accepted>(_ spec: ValueSpec<V>, of address: FunctionAddress<Accepted>) -> V? {
        value(spec, of: address.address)
    }
}
