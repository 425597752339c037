// `Int` is not a StateFun type (StateFun's integers are `int`, 32 bits, and `long`, 64 bits), so without these an
// integer literal in `context.send(5, to: target)` was typed by the generic send as the first StateFun type that
// takes integer literals, and could travel as a `double`. A literal now resolves to these overloads (a concrete
// `Int` parameter ranks above a generic one), and so does any `Int` value: it travels as a `long`
// (`io.statefun.types/long`), which is what the Python SDK's `LongType` reads. Use `Int32(5)` for an `int`.

extension Context {
    /// Sends `value` to the function at `target` as a `long` (`Int64`): what `send(5, to: target)` means.
    @inlinable
    public func send(_ value: Int, to target: Address) throws {
        try send(Int64(value), to: target)
    }

    /// Sends `value` to the caller as a `long` (`Int64`).
    @inlinable
    public func reply(_ value: Int) throws {
        try reply(Int64(value))
    }

    /// Sends `value` to `target` after `delay` as a `long` (`Int64`).
    public func send(_ value: Int, to target: Address, after delay: Duration, cancellationToken: String? = nil) throws {
        try send(Int64(value), to: target, after: delay, cancellationToken: cancellationToken)
    }
}
