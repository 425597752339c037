public import StateFun
import StateFunProtocol

/// One invocation of one function, for unit tests: seed the state, call the function with a message (or a batch)
/// through the app's real `RequestReplyHandler`, then look at what it did.
///
/// ```swift
/// let result = try await TestInvocation(app: app, function: "example/greeter", id: "ann")
///     .state(seen, 3)
///     .invoke(with: "Hello")
/// #expect(result.state(seen) == 4)
/// #expect(result.egressRecords.map(\.text) == ["Hello ann! seen=4"])
/// ```
///
/// The request carries every state the function declares (seeded or empty), so the function runs at once, with
/// exactly the bytes a StateFun runtime would send; its answer is decoded as the runtime decodes it. For several
/// functions, delays and expiration, use a `LocalRuntime` with a `ManualClock` (`LocalRuntime/forTesting(app:protocolVersion:remoteEndpoints:)`).
public struct TestInvocation: Sendable {
    /// The app whose function is invoked.
    public let app: App
    /// The invoked function instance.
    public let address: Address
    /// The protocol of the request.
    public let protocolVersion: ProtocolVersion
    /// The rules of ``protocolVersion``, chosen once here: the request, its states and the answer go through it.
    let codec: any ProtocolCodec.Type
    private var seeded: [(name: String, value: Message?)] = []
    private var caller: Address?
    /// Seeded values that could not be serialized, reported by `invoke`.
    private var problems: [String] = []

    /// Prepares an invocation of `function`'s instance `id` (with no state and no caller).
    public init(app: App, function: TypeName, id: String, protocolVersion: ProtocolVersion = .v3) {
        self.app = app
        self.address = Address(function, id: id)
        self.protocolVersion = protocolVersion
        codec = protocolVersion.codec
    }

    /// Seeds the state `spec` with `value` (`nil`: registered but empty, the default).
    ///
    /// A value that can't be serialized makes `invoke(with:)` throw.
    public func state<V: StateFunType>(_ spec: ValueSpec<V>, _ value: V?) -> TestInvocation {
        var copy = self
        guard let value else {
            copy.seeded.append((spec.name, nil))
            return copy
        }
        do {
            copy.seeded.append((spec.name, try Message(value, protocolVersion: protocolVersion)))
        } catch {
            copy.problems.append("the seeded value of state '\(spec.name)' does not serialize: \(error)")
        }
        return copy
    }

    /// Seeds the state `name` with an undecoded value, e.g. one of another type than declared, to test how the
    /// function copes.
    public func state(named name: String, _ value: Message?) -> TestInvocation {
        var copy = self
        copy.seeded.append((name, value))
        return copy
    }

    /// Makes the messages come from `caller` (by default they come from an ingress: no caller).
    public func caller(_ caller: Address?) -> TestInvocation {
        var copy = self
        copy.caller = caller
        return copy
    }

    /// Invokes the function with `value`.
    ///
    /// - Throws: `StateFunError` when the function throws (`StateFunError/handlerFailed(function:id:underlying:)`, with the error the handler threw),
    ///   is not declared, or a seeded value can't be serialized, and `StateFunError/invalidArgument(_:)` with
    ///   `validate`'s errors when the app has any (as `serve` and `dev` refuse it); `RuntimeError` when its answer is one a
    ///   StateFun runtime would reject: a message to a function type the app can't route
    ///   (`RuntimeError/unknownFunction(_:)`), a record for an egress the app does not declare
    ///   (`RuntimeError/undeclaredEgress(_:)`), an egress record that is not what its egress takes.
    public func invoke(with value: some StateFunType) async throws -> InvocationResult {
        try await invoke(with: [try Message(value, protocolVersion: protocolVersion)])
    }

    /// Invokes the function with an undecoded message.
    public func invoke(with message: Message) async throws -> InvocationResult {
        try await invoke(with: [message])
    }

    /// Invokes the function with a batch of messages, handled one after another against one evolving state, as
    /// the runtime batches messages that arrive while a call is in flight.
    public func invoke(with messages: [Message]) async throws -> InvocationResult {
        if let problem = problems.first { throw StateFunError.invalidArgument(problem) }
        // The app must be one `serve` and `dev` would run: the same report they print before refusing it.
        if let report = app.validationErrorReport() { throw StateFunError.invalidArgument(report) }
        guard let function = app.model.functions.first(where: { $0.typeName == address.typeName }) else {
            throw StateFunError.unknownFunction(address.typeName)
        }
        // Every declared state, seeded or registered-but-empty; then states seeded under other names.
        var values: [String: Message?] = [:]
        for (name, value) in seeded { values[name] = value }
        var slots: [StateSlot] = []
        var names: [String] = []
        for spec in function.specs where !names.contains(spec.name) {
            names.append(spec.name)
            slots.append(codec.stateSlot(spec.name, declared: spec.typeName(in: codec), values[spec.name] ?? nil))
        }
        for (name, value) in seeded where !names.contains(name) {
            names.append(name)
            slots.append(codec.stateSlot(name, declared: value?.typeName ?? "", value))
        }
        let envelopes = messages.map {
            Envelope(caller: caller, message: Message(typeName: $0.typeName, bytes: $0.bytes, protocolVersion: protocolVersion))
        }
        let request = codec.request(target: address, states: slots, invocations: envelopes)
        let answer = try await app.requestReplyHandler(protocolVersion: protocolVersion).handle(request)
        switch try codec.response(answer) {
        case .missingStates(let missing):
            throw StateFunError.malformedRequest(
                "the function asked for states the test did not send: \(missing.map(\.name).joined(separator: ", "))")
        case .effects(let effects):
            try refuseWhatARuntimeWould(effects)
            return try InvocationResult(
                invocation: self, effects: effects, initial: slots, egressKinds: egressKinds)
        }
    }

    /// Refuses an answer a StateFun runtime would fail on, as `LocalRuntime` does: a message (or delayed message)
    /// to a function type that can't be routed (not declared in the app, not behind an endpoint of functions
    /// served elsewhere; a reply to the test's caller always can), a record for an egress the app does not declare
    /// (when it declares any).
    private func refuseWhatARuntimeWould(_ effects: BatchEffects) throws {
        let delayed = effects.delayed.filter { !$0.isCancellation }.compactMap { delayed in
            delayed.target.flatMap { target in delayed.message.map { (target, $0) } }
        }
        let sent = effects.outgoing.compactMap { outgoing in outgoing.target.map { ($0, outgoing.message) } } + delayed
        for (target, _) in sent where target != caller && !app.model.knowsFunction(target.typeName) {
            throw RuntimeError.unknownFunction(target.typeName)
        }
        // A message its target (a function of this app) has no handler for would fail there, permanently: refuse it
        // at the sender's test instead.
        for (target, message) in sent {
            guard let function = app.model.functions.first(where: { $0.typeName == target.typeName }),
                function.otherwise == nil,
                !function.handlers.contains(where: { $0.accepts(message.typeName, codec) })
            else { continue }
            throw StateFunError.unhandledMessage(function: target.typeName, typeName: message.typeName)
        }
        let kinds = egressKinds
        guard !kinds.isEmpty else { return }
        for record in effects.egresses where kinds[record.egress] == nil {
            throw RuntimeError.undeclaredEgress(record.egress)
        }
    }

    private var egressKinds: [TypeName: EgressDefinition.Kind] {
        var kinds: [TypeName: EgressDefinition.Kind] = [:]
        for egress in app.model.egresses where kinds[egress.id] == nil { kinds[egress.id] = egress.kind }
        return kinds
    }
}
