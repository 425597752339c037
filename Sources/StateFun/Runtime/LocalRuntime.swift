import Synchronization
import StateFunProtocol

/// Runs a whole ``App`` in this process with the StateFun runtime's semantics: no Flink, Docker or Kafka.
///
/// Every call goes through the real request-reply protocol (`protocol.md` §4): the runtime encodes a
/// `ToFunction` for one batch of one address with that address's state, hands it to a ``FunctionTransport``
/// (in-process: the app's ``RequestReplyHandler``; remote: HTTP to a ``FunctionEndpoint``), decodes the
/// `FromFunction` and applies its effects. As in StateFun:
///
/// * each address has a mailbox; at most one request per address is in flight, messages arriving meanwhile are
///   queued and sent together as the next batch (up to the endpoint's `maxNumBatchRequests`), and different
///   addresses proceed concurrently;
/// * 3.x: the runtime starts knowing no state; a function answers `IncompleteInvocationContext`, the runtime
///   registers the listed specs (first registration wins; another typename for a registered name is an error)
///   and sends the same batch again with the state attached. 2.x: the states are those the app declares (or
///   ``FunctionEndpoint/states``), sent with every call;
/// * state mutations are checked against the registration (typename, registered name), expiration after write
///   or after invoke is measured on the runtime's ``RuntimeClock``;
/// * delayed messages wait on that clock; a cancellation token is scoped by the sender's id, a second pending
///   message with the same token is an error, cancelling an unknown token does nothing;
/// * egress records are captured and decoded (``CapturedEgressRecord``); ingress records are routed along the
///   app's ingress declarations (``ingest(topic:key:value:)``);
/// * a failing call is retried with exponential backoff (10 ms, doubling) until the call timeout (1 minute by
///   default) is used up, measured on the runtime's clock.
///
/// Where a Flink job would fail and restart from a checkpoint (retries exhausted, a call that fails in a way not
/// retried, effects that can't be applied), the local runtime drops the batch, leaves the address's state
/// untouched, reports a ``RuntimeFailure`` (``failures``, ``onFailure(_:)``) and goes on with the address's next
/// messages. See Docs/LocalRuntime.md for the limits of the simulation.
///
/// Tests use a ``ManualClock`` and drive time with ``advance(by:)``:
///
/// ```swift
/// let runtime = LocalRuntime(app: app, clock: ManualClock())
/// try runtime.send("ann", to: greeter("ann"))
/// await runtime.runUntilIdle()
/// #expect(runtime.egressRecords.map(\.text) == ["Hello ann! seen=1"])
/// ```
///
/// The runtime is a class whose state is guarded by a mutex, so its accessors are synchronous and can be used from
/// any task; calls run in tasks of their own and never hold the lock while a function runs.
public final class LocalRuntime: Sendable {
    /// Settings for functions no remote endpoint covers, and for the HTTP transport.
    public struct Configuration: Sendable {
        /// How long a failing call to an in-process function is retried (the runtime's `call` timeout).
        public var callTimeout: Duration
        /// The first retry delay; each further one doubles (`BoundedExponentialBackoff`, 10 ms).
        public var initialBackoff: Duration
        /// The batch limit for in-process functions no endpoint of the app covers (default 1000; 0 or less: none).
        public var maxNumBatchRequests: Int
        /// The HTTP transport's connect/read/write timeout.
        public var httpTimeout: Duration
        /// How many egress records ``LocalRuntime/egressRecords`` keeps (default 100 000); beyond it the oldest
        /// are dropped. ``LocalRuntime/onEgress(_:)`` and ``LocalRuntime/egressStream()`` see every record.
        public var maxCapturedEgressRecords: Int
        /// How many reports ``LocalRuntime/failures`` keeps (default 10 000); beyond it the oldest are dropped.
        public var maxRecordedFailures: Int
        /// Receives the batches of in-process functions (their begin and end, and invocations if it asks), as a
        /// served handler's would (Docs/Operations.md). Default `nil`. Used by the default transport only.
        public var instrumentation: (any Instrumentation)?

        /// Creates a configuration; the defaults are the StateFun runtime's.
        ///
        /// - Parameters:
        ///   - callTimeout: how long a failing call to an in-process function is retried.
        ///   - initialBackoff: the first retry delay.
        ///   - maxNumBatchRequests: the batch limit for in-process functions no endpoint of the app covers.
        ///   - httpTimeout: the HTTP transport's connect/read/write timeout.
        ///   - maxCapturedEgressRecords: how many egress records the runtime keeps.
        ///   - maxRecordedFailures: how many failure reports the runtime keeps.
        public init(
            callTimeout: Duration = .seconds(60), initialBackoff: Duration = .milliseconds(10),
            maxNumBatchRequests: Int = 1000, httpTimeout: Duration = .seconds(10),
            maxCapturedEgressRecords: Int = 100_000, maxRecordedFailures: Int = 10_000
        ) {
            self.callTimeout = callTimeout
            self.initialBackoff = initialBackoff
            self.maxNumBatchRequests = maxNumBatchRequests
            self.httpTimeout = httpTimeout
            self.maxCapturedEgressRecords = maxCapturedEgressRecords
            self.maxRecordedFailures = maxRecordedFailures
        }
    }

    /// The app whose functions, ingresses, egresses and endpoints the runtime runs.
    public let app: App
    /// The protocol the runtime speaks with every function.
    public let protocolVersion: ProtocolVersion
    /// The rules of ``protocolVersion``, chosen once here: requests, answers, state and ingress values go
    /// through it.
    let codec: any ProtocolCodec.Type
    /// The runtime's time source.
    public let clock: any RuntimeClock
    /// Functions the runtime calls over HTTP; they take precedence over the app's in-process functions.
    public let remoteEndpoints: [FunctionEndpoint]
    /// The runtime's settings.
    public let configuration: Configuration

    let transport: any FunctionTransport
    let store = Mutex(State())
    let appFunctions: [TypeName: FunctionDefinition]
    let egressKinds: [TypeName: EgressDefinition.Kind]
    /// What ``App/validate()`` rejects in the app, as `serve` prints it; `nil` for a valid app.
    let invalidAppReport: String?

    /// Creates a runtime for `app`.
    ///
    /// - Parameters:
    ///   - app: the app whose functions, ingresses, egresses and endpoints the runtime runs.
    ///   - protocolVersion: the protocol of every call (3.x by default).
    ///   - clock: the time source; ``WallClock`` by default, ``ManualClock`` in tests.
    ///   - remoteEndpoints: functions reached over HTTP (another process, another SDK).
    ///   - transport: replaces the default transport (the app's handler in-process, HTTP for remote endpoints).
    ///   - configuration: batch limit, retry budget and HTTP timeout.
    public init(
        app: App, protocolVersion: ProtocolVersion = .v3, clock: any RuntimeClock = WallClock(),
        remoteEndpoints: [FunctionEndpoint] = [], transport: (any FunctionTransport)? = nil,
        configuration: Configuration = Configuration()
    ) {
        self.app = app
        self.protocolVersion = protocolVersion
        codec = protocolVersion.codec
        self.clock = clock
        self.remoteEndpoints = remoteEndpoints
        self.configuration = configuration
        self.transport =
            transport
            ?? DefaultFunctionTransport(
                app: app, protocolVersion: protocolVersion, httpTimeout: configuration.httpTimeout,
                instrumentation: configuration.instrumentation)
        var functions: [TypeName: FunctionDefinition] = [:]
        for function in app.model.functions where functions[function.typeName] == nil {
            functions[function.typeName] = function
        }
        appFunctions = functions
        var kinds: [TypeName: EgressDefinition.Kind] = [:]
        for egress in app.model.egresses where kinds[egress.id] == nil { kinds[egress.id] = egress.kind }
        egressKinds = kinds
        invalidAppReport = app.validationErrorReport()
    }

    deinit {
        shutDown()
    }

    /// Stops the timer task and ends every ``egressStream()``. Calls in flight finish; nothing new is scheduled.
    public func shutDown() {
        let (driver, streams) = store.withLock { state in
            state.isShutDown = true
            defer {
                state.driver = nil
                state.streams = [:]
            }
            return (state.driver?.task, Array(state.streams.values))
        }
        driver?.cancel()
        for stream in streams { stream.finish() }
    }

    // MARK: - Sending

    /// Sends `value` to `target` with no caller, as an ingress would.
    ///
    /// Throws ``RuntimeError/invalidApp(_:)`` for an app ``App/validate()`` rejects (nothing of it runs, as `serve`
    /// and `dev` refuse it), ``RuntimeError/unknownFunction(_:)`` for a target the runtime does not know.
    public func send(_ value: some StateFunType, to target: Address) throws(RuntimeError) {
        let message: Message
        do {
            message = try Message(value, protocolVersion: protocolVersion)
        } catch {
            throw .invalidMessage("\(error)")
        }
        try send(message, to: target)
    }

    /// Sends an undecoded message (any typename and bytes) to `target` with no caller: what the playground's
    /// ingress does with `POST /<namespace>/<type>/<id>`. Its ``Message/metadata`` goes along on the 3.x protocol.
    public func send(_ message: Message, to target: Address) throws(RuntimeError) {
        try deliver([(target, message)])
    }

    /// Queues messages with no caller, all or none: every target must be known.
    func deliver(_ deliveries: [(Address, Message)]) throws(RuntimeError) {
        try checkApp()
        for (target, _) in deliveries { try checkTarget(target) }
        let actions = store.withLock { state in
            var actions = Actions()
            for (target, message) in deliveries {
                // Own storage for the bytes, the runtime's protocol; the metadata (the fork's) goes along, and a
                // 2.x request, which has no field for it, leaves it out (AnyCodec+Runtime.swift).
                let message = Message(
                    typeName: message.typeName, payload: message.bytes?[...], metadata: message.metadata,
                    protocolVersion: protocolVersion)
                enqueue(&state, &actions, target, Envelope(caller: nil, message: message))
            }
            return actions
        }
        perform(actions)
    }

    /// Refuses to run any part of an app that ``App/validate()`` rejects: one strictness in every mode.
    func checkApp() throws(RuntimeError) {
        if let invalidAppReport { throw .invalidApp(invalidAppReport) }
    }

    // MARK: - Running

    /// Processes every message that is due now, including chains of messages between functions, until nothing is
    /// queued or in flight.
    ///
    /// A request waiting for its next retry counts as in flight, except on a ``ManualClock``, where this returns
    /// once all remaining work waits for the clock to be advanced. Delayed messages not yet due are not waited for.
    public func runUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let actions = store.withLock { state in
                var actions = Actions()
                fireDueTimers(&state, &actions)
                if isIdle(state) { actions.waiters.append(continuation) } else { state.idleWaiters.append(continuation) }
                return actions
            }
            perform(actions)
        }
    }

    /// Advances a ``ManualClock`` by `duration`, stopping at every deadline on the way (delayed messages, retries)
    /// in time order and running until idle at each; state expiration is measured at each step. With another
    /// clock this only runs until idle.
    public func advance(by duration: Duration) async {
        await runUntilIdle()
        guard let manual = clock as? ManualClock else { return }
        let target = manual.now + max(duration, .zero)
        while let next = store.withLock({ $0.timers.first?.deadline }), next <= target {
            manual.advance(to: next)
            await runUntilIdle()
        }
        manual.advance(to: target)
        await runUntilIdle()
    }

    /// The runtime clock's current time.
    public var now: Duration { clock.now }

    // MARK: - Observing

    /// The egress records captured so far (the newest ``Configuration/maxCapturedEgressRecords``), in the order the
    /// runtime applied them.
    public var egressRecords: [CapturedEgressRecord] { store.withLock { $0.egress } }

    /// The captured records for a Kafka topic or Kinesis stream (or a playground egress topic).
    public func egressRecords(topic: String) -> [CapturedEgressRecord] {
        store.withLock { $0.egress.filter { $0.topic == topic } }
    }

    /// The captured records sent to `egress`.
    public func egressRecords(egress: TypeName) -> [CapturedEgressRecord] {
        store.withLock { $0.egress.filter { $0.egress == egress } }
    }

    /// The batches that failed transiently and wait for a retry (until the call timeout), each with its last
    /// attempt's error and the messages it carries; empty when none waits. ``runUntilIdle()`` returns while they
    /// wait on a ``ManualClock``, so a test that expects no failure checks this too (StateFunTesting's
    /// `checkNoFailures()` does).
    public var awaitingRetry: [RuntimeFailure] {
        store.withLock { Array($0.awaitingRetry.values) }.sorted { $0.address.description < $1.address.description }
    }

    /// Forgets the captured egress records (the failures stay).
    public func removeEgressRecords() {
        store.withLock { $0.egress.removeAll() }
    }

    /// The batches the runtime gave up on (the newest ``Configuration/maxRecordedFailures``), in order.
    public var failures: [RuntimeFailure] { store.withLock { $0.failures } }

    /// How many failed calls wait for their next attempt: each is retried until its call timeout is used up, on a
    /// ``ManualClock`` only as ``advance(by:)`` moves time (so a test can end with one still waiting).
    public var pendingRetryCount: Int { store.withLock { $0.retryingCalls } }

    /// The addresses of the calls waiting for a retry, in the order they will be retried.
    package var pendingRetryAddresses: [Address] {
        store.withLock { state in
            state.timers.compactMap { timer in
                if case .retry(let job) = timer.kind { job.address } else { nil }
            }
        }
    }

    /// The number of delayed messages waiting for their time.
    public var pendingDelayedMessageCount: Int {
        store.withLock { state in
            state.timers.count { if case .delivery = $0.kind { true } else { false } }
        }
    }

    /// Calls `handler` with every egress record as it is captured (outside the runtime's lock, on the task that
    /// applied the batch).
    public func onEgress(_ handler: @escaping @Sendable (CapturedEgressRecord) -> Void) {
        store.withLock { $0.egressHandlers.append(handler) }
    }

    /// Calls `handler` with every ``RuntimeFailure`` as it is reported.
    public func onFailure(_ handler: @escaping @Sendable (RuntimeFailure) -> Void) {
        store.withLock { $0.failureHandlers.append(handler) }
    }

    /// The egress records captured from now on, as a stream that ends when the runtime shuts down.
    public func egressStream() -> AsyncStream<CapturedEgressRecord> {
        let (stream, continuation) = AsyncStream<CapturedEgressRecord>.makeStream()
        let accepted = store.withLock { state -> UInt64? in
            guard !state.isShutDown else { return nil }
            let id = state.makeID()
            state.streams[id] = continuation
            continuation.onTermination = { [weak self] _ in
                self?.store.withLock { _ = $0.streams.removeValue(forKey: id) }
            }
            return id
        }
        if accepted == nil { continuation.finish() }
        return stream
    }

    /// The current, unexpired state values of `address` by state name (3.x: typed with the registered typename;
    /// 2.x: the `Any` the SDK stored, unpacked). Reading does not count as a call for expiration.
    public func state(of address: Address) -> [String: Message] {
        guard let route = route(for: address.typeName) else { return [:] }
        let now = clock.now
        return store.withLock { state in
            var result: [String: Message] = [:]
            guard let mailbox = state.mailboxes[address] else { return result }
            for registration in registrations(state, address.typeName, route) {
                guard let value = mailbox.values[registration.name],
                    !Self.isExpired(value, registration.expiration, now)
                else { continue }
                result[registration.name] = codec.stateMessage(typeName: registration.typeName, bytes: value.bytes)
            }
            return result
        }
    }

    /// The current value of `spec` at `address`, decoded; `nil` when it has none (or it expired).
    public func state<V: StateFunType>(_ spec: ValueSpec<V>, of address: Address) throws -> V? {
        try state(of: address)[spec.name].flatMap { $0.payload == nil ? nil : try $0.decode(V.self) }
    }
}
