import StateFun
import StateFunHTTP
import StateFunProtocol
import StateFunWire
import Synchronization
import Testing

/// Records every event an instrumentation receives, in order.
final class RecordingInstrumentation: Instrumentation {
    enum Event: Sendable {
        case began(BatchEvent)
        case ended(BatchEvent, BatchOutcome)
        case invocationBegan(InvocationEvent)
        case invocationEnded(InvocationEvent, InvocationOutcome)
        case server(ServerEvent)
    }

    let invocations: Bool
    private let log = Mutex<[Event]>([])

    init(invocations: Bool = false) { self.invocations = invocations }

    var events: [Event] { log.withLock { $0 } }
    var ends: [(BatchEvent, BatchOutcome)] {
        events.compactMap { if case .ended(let batch, let outcome) = $0 { (batch, outcome) } else { nil } }
    }

    func probe(for function: TypeName) -> any FunctionProbe { Probe(owner: self) }
    func serverEvent(_ event: ServerEvent) { append(.server(event)) }
    func append(_ event: Event) { log.withLock { $0.append(event) } }

    struct Probe: FunctionProbe {
        let owner: RecordingInstrumentation
        var observesInvocations: Bool { owner.invocations }
        func batchBegan(_ batch: BatchEvent) { owner.append(.began(batch)) }
        func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) { owner.append(.ended(batch, outcome)) }
        func invocationBegan(_ invocation: InvocationEvent) { owner.append(.invocationBegan(invocation)) }
        func invocationEnded(_ invocation: InvocationEvent, _ outcome: InvocationOutcome) {
            owner.append(.invocationEnded(invocation, outcome))
        }
    }
}

/// The handler, the local runtime and the built-in server call the instrumentation: batch begin and end with
/// function, id, size, outcome and duration; invocations with caller and typename when asked.
@Suite struct InstrumentationTests {
    static let target = Address("test/greeter", id: "ann")
    static let caller = Address("test/caller", id: "c1")

    /// 2.x: the string as the 2.2 SDKs pack it, a `google.protobuf.StringValue` in an `Any`.
    static func v2(_ names: [String], caller: Address? = nil) -> [UInt8] {
        Requests.v2Strings(target, states: ["seen"], names.map { (caller, $0) })
    }

    static func request(_ version: ProtocolVersion, _ names: [String], caller: Address? = nil) -> [UInt8] {
        switch version {
        case .v3:
            Requests.v3(
                target, states: [("seen", Requests.empty(Int32.self))], names.map { (caller, Requests.typed($0)) })
        case .v2: v2(names, caller: caller)
        }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func aBatchReportsBeginAndEndWithItsAddressSizeEffectsAndDuration(version: ProtocolVersion) async throws {
        let recorder = RecordingInstrumentation()
        let handler = RequestReplyHandler(app: ServingTests.app(), protocolVersion: version, instrumentation: recorder)
        let body = Self.request(version, ["ann", "bob"])
        let answer = try await handler.handle(body)
        let events = recorder.events
        try #require(events.count == 2)
        guard case .began(let began) = events[0], case .ended(let ended, let outcome) = events[1] else {
            Issue.record("expected begin then end, got \(events)")
            return
        }
        #expect(began.sequence == ended.sequence)
        #expect(ended.function == "test/greeter" && ended.id == "ann" && ended.size == 2)
        #expect(ended.protocolVersion == version && ended.requestBytes == body.count)
        #expect(outcome.status == .success && outcome.failure == nil)
        #expect(outcome.responseBytes == answer.count)
        #expect(outcome.effects.egressRecords.map(\.egress) == ["test/out"])
        #expect(outcome.effects.totalEgressRecords == 2 && outcome.effects.messages == 0)
        _ = try await handler.handle(body)
        let second = recorder.ends.last?.0.sequence
        #expect(second != nil && second != ended.sequence, "each batch has its own sequence number")
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func aFailedBatchNamesTheInvocationItsErrorAndItsKind(version: ProtocolVersion) async throws {
        let recorder = RecordingInstrumentation(invocations: true)
        let handler = RequestReplyHandler(app: ServingTests.app(), protocolVersion: version, instrumentation: recorder)
        await #expect(throws: StateFunError.self) {
            try await handler.handle(Self.request(version, ["ann", "boom", "bob"], caller: Self.caller))
        }
        let (batch, outcome) = try #require(recorder.ends.first)
        #expect(batch.size == 3 && outcome.status == .failure)
        let failure = try #require(outcome.failure)
        #expect(failure.invocationIndex == 1)
        #expect(failure.error.contains("boom requested"), "\(failure.error)")
        #expect(failure.kind == .transient && failure.action == .retry)
        #expect(failure.messageTypeName.hasSuffix(version == .v3 ? "io.statefun.types/string" : "google.protobuf.StringValue"))
        let invocations: [(Int, Bool, Address?)] = recorder.events.compactMap {
            if case .invocationEnded(let event, let outcome) = $0 { (event.index, outcome.succeeded, event.caller) } else { nil }
        }
        #expect(invocations.map(\.0) == [0, 1], "the third invocation never ran")
        #expect(invocations.map(\.1) == [true, false])
        #expect(invocations.allSatisfy { $0.2 == Self.caller })
    }

    @Test func aMessageNoHandlerTakesIsAPermanentFailure() async throws {
        let recorder = RecordingInstrumentation()
        let handler = RequestReplyHandler(app: ServingTests.app(), instrumentation: recorder)
        let body = Requests.v3(
            Self.target, states: [("seen", Requests.empty(Int32.self))], [(nil, Requests.typed(Int64(7)))])
        await #expect(throws: StateFunError.self) { try await handler.handle(body) }
        let failure = try #require(recorder.ends.first?.1.failure)
        #expect(failure.kind == .permanent && failure.invocationIndex == 0 && failure.messageTypeName == "io.statefun.types/long")
    }

    @Test func theMissingStateHandshakeEndsAsIncompleteContextWithoutInvocations() async throws {
        let recorder = RecordingInstrumentation(invocations: true)
        let handler = RequestReplyHandler(app: ServingTests.app(), instrumentation: recorder)
        _ = try await handler.handle(Requests.v3(Self.target, [(nil, Requests.typed("ann"))]))
        #expect(recorder.events.count == 2)
        let outcome = try #require(recorder.ends.first?.1)
        #expect(outcome.status == .incompleteContext && outcome.missingStates == ["seen"])
    }

    @Test func theLocalRuntimeReportsItsInProcessBatches() async throws {
        let recorder = RecordingInstrumentation()
        var configuration = LocalRuntime.Configuration()
        configuration.instrumentation = recorder
        let runtime = LocalRuntime(app: ServingTests.app(), clock: ManualClock(), configuration: configuration)
        try runtime.send("ann", to: Self.target)
        await runtime.runUntilIdle()
        let outcomes = recorder.ends.map(\.1.status)
        // The runtime registers the state through the handshake, then runs the batch.
        #expect(outcomes == [.incompleteContext, .success])
        #expect(recorder.ends.last?.0.address == Self.target)
    }

    @Test func anInvocationEventCarriesItsMessagesMetadata() async throws {
        let recorder = RecordingInstrumentation(invocations: true)
        var configuration = LocalRuntime.Configuration()
        configuration.instrumentation = recorder
        let runtime = LocalRuntime(app: ServingTests.app(), clock: ManualClock(), configuration: configuration)
        let traceparent = MetadataEntry.traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        try runtime.send(try Message("ann").withMetadata([traceparent]), to: Self.target)
        try runtime.send("bob", to: Self.target)
        await runtime.runUntilIdle()
        let began: [InvocationEvent] = recorder.events.compactMap {
            if case .invocationBegan(let event) = $0 { event } else { nil }
        }
        #expect(began.map(\.metadata) == [[traceparent], []])
    }
}
