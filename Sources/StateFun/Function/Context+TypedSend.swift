// Typed sends: `context.send(value, to: greeter("ann"))` compiles only when `greeter` handles the value's type.
//
// A FunctionAddress carries what its function accepts as a type: Handles<A, B, …> (the handlers' types, in body
// order) or HandlesAnything. Swift has no "is a member of this pack" constraint, so there is one overload per
// position the value's type can have in the pack (the first eight handlers), one for HandlesAnything, and an
// unavailable catch-all that turns every other send into a compile error with the message below. The compiler ranks
// an unavailable overload last, so it is chosen only when no typed one fits. Each typed overload forwards to the
// untyped, inlinable send: nothing is boxed, and the value is serialized as before.
//
// An integer literal takes the type of the handler it matches (`send(5, to: counter("a"))` with a Handle of Int64
// sends an Int64); to a function with an Otherwise it is an Int, which travels as a long (Context+Integers.swift).

extension Context {
    /// Sends `value` to a function whose first handler takes its type.
    @inlinable
    public func send<V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose second handler takes its type.
    @inlinable
    public func send<H1, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose third handler takes its type.
    @inlinable
    public func send<H1, H2, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, H2, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose fourth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, H2, H3, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose fifth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose sixth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, H5, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose seventh handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, H5, H6, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, H6, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` to a function whose eighth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, H5, H6, H7, V: StateFunType, each R>(_ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, H6, H7, V, repeat each R>>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` after `delay` to a function whose first handler takes its type.
    @inlinable
    public func send<V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose second handler takes its type.
    @inlinable
    public func send<H1, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose third handler takes its type.
    @inlinable
    public func send<H1, H2, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose fourth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose fifth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose sixth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, H5, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose seventh handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, H5, H6, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, H6, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` to a function whose eighth handler takes its type.
    @inlinable
    public func send<H1, H2, H3, H4, H5, H6, H7, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, H6, H7, V, repeat each R>>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` to a function with an ``Otherwise``: it takes anything.
    @inlinable
    public func send<V: StateFunType>(_ value: V, to target: FunctionAddress<HandlesAnything>) throws {
        try send(value, to: target.address)
    }

    /// Sends `value` as a `long` (`Int64`) to a function with an ``Otherwise``.
    @inlinable
    public func send(_ value: Int, to target: FunctionAddress<HandlesAnything>) throws {
        try send(Int64(value), to: target.address)
    }

    /// Sends `value` after `delay` to a function with an ``Otherwise``: it takes anything.
    @inlinable
    public func send<V: StateFunType>(
        _ value: V, to target: FunctionAddress<HandlesAnything>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(value, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` after `delay` as a `long` (`Int64`) to a function with an ``Otherwise``.
    public func send(
        _ value: Int, to target: FunctionAddress<HandlesAnything>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(Int64(value), to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// Sends `value` with `metadata` to a function whose first handler takes its type.
    public func send<V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose second handler takes its type.
    public func send<H1, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose third handler takes its type.
    public func send<H1, H2, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose fourth handler takes its type.
    public func send<H1, H2, H3, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose fifth handler takes its type.
    public func send<H1, H2, H3, H4, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose sixth handler takes its type.
    public func send<H1, H2, H3, H4, H5, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose seventh handler takes its type.
    public func send<H1, H2, H3, H4, H5, H6, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, H6, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function whose eighth handler takes its type.
    public func send<H1, H2, H3, H4, H5, H6, H7, V: StateFunType, each R>(
        _ value: V, to target: FunctionAddress<Handles<H1, H2, H3, H4, H5, H6, H7, V, repeat each R>>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends `value` with `metadata` to a function with an ``Otherwise``: it takes anything.
    public func send<V: StateFunType>(
        _ value: V, to target: FunctionAddress<HandlesAnything>, metadata: [MetadataEntry]
    ) throws {
        try send(value, to: target.address, metadata: metadata)
    }

    /// Sends an undecoded message as it is: its type is known only at run time, so any function address takes it.
    public func send<Accepted>(_ message: Message, to target: FunctionAddress<Accepted>) throws {
        try send(message, to: target.address)
    }

    /// Sends an undecoded message after `delay`.
    public func send<Accepted>(
        _ message: Message, to target: FunctionAddress<Accepted>, after delay: Duration,
        cancellationToken: String? = nil
    ) throws {
        try send(message, to: target.address, after: delay, cancellationToken: cancellationToken)
    }

    /// What a send of a type the target does not handle resolves to: a compile error.
    @_documentation(visibility: internal)
    @available(*, unavailable, message: "the target function has no Handle for this message type: add a Handle for it (or an Otherwise) to the function, or send to the untyped target.address")
    public func send<V, Accepted>(_ value: V, to target: FunctionAddress<Accepted>) throws {}

    /// What a delayed send of a type the target does not handle resolves to: a compile error.
    @_documentation(visibility: internal)
    @available(*, unavailable, message: "the target function has no Handle for this message type: add a Handle for it (or an Otherwise) to the function, or send to the untyped target.address")
    public func send<V, Accepted>(
        _ value: V, to target: FunctionAddress<Accepted>, after delay: Duration, cancellationToken: String? = nil
    ) throws {}

    /// What a send with metadata of a type the target does not handle resolves to: a compile error.
    @_documentation(visibility: internal)
    @available(*, unavailable, message: "the target function has no Handle for this message type: add a Handle for it (or an Otherwise) to the function, or send to the untyped target.address")
    public func send<V, Accepted>(_ value: V, to target: FunctionAddress<Accepted>, metadata: [MetadataEntry]) throws {}
}
