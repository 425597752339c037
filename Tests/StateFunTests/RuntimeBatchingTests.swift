import StateFun
import Synchronization
import Testing
import StateFunProtocol

@Suite("Local runtime: mailboxes, ordering and batching")
struct RuntimeBatchingTests {
    @Test func deliversMessagesToOneAddressInTheOrderTheyWereSent() async throws {
        let log = EventLog()
        let app = App { Recorder.function(log: log) }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        for word in ["one", "two", "three", "four", "five"] { try runtime.send(word, to: Recorder.address("a")) }
        await runtime.runUntilIdle()
        #expect(log.entries == ["a:one", "a:two", "a:three", "a:four", "a:five"])
        #expect(runtime.failures.isEmpty)
    }

    @Test func batchesMessagesThatArriveWhileACallIsInFlight() async throws {
        let gate = Gate()
        let log = EventLog()
        let app = App { Recorder.function(log: log, gate: gate) }
        let transport = RecordingTransport(InProcessTransport(app: app))
        let runtime = LocalRuntime(app: app, clock: ManualClock(), transport: transport)
        let a = Recorder.address("a")

        try runtime.send("first", to: a)
        await gate.waitForArrivals(1)  // the first call is in the handler now
        for word in ["m1", "m2", "m3", "m4"] { try runtime.send(word, to: a) }
        gate.open()
        await runtime.runUntilIdle()

        // Handshake (no state known yet), the same batch again, then the four queued messages as one batch.
        #expect(transport.batchSizes(for: a) == [1, 1, 4])
        #expect(log.entries == ["a:first", "a:m1", "a:m2", "a:m3", "a:m4"])
        #expect(try runtime.state(Recorder.count, of: a) == 5)
    }

    @Test func splitsTheBacklogAtTheEndpointsBatchLimit() async throws {
        let gate = Gate()
        let log = EventLog()
        let app = App {
            Recorder.function(log: log, gate: gate)
            TestEndpoint(functions: "test/*", maxNumBatchRequests: 3)
        }
        let transport = RecordingTransport(InProcessTransport(app: app))
        let runtime = LocalRuntime(app: app, clock: ManualClock(), transport: transport)
        let a = Recorder.address("a")

        try runtime.send("first", to: a)
        await gate.waitForArrivals(1)
        for index in 1...7 { try runtime.send("m\(index)", to: a) }
        gate.open()
        await runtime.runUntilIdle()

        #expect(transport.batchSizes(for: a) == [1, 1, 3, 3, 1])
        #expect(log.entries == ["a:first"] + (1...7).map { "a:m\($0)" })
    }

    @Test func otherAddressesProceedWhileOneIsBlocked() async throws {
        let gate = Gate()
        let log = EventLog()
        let app = App { Recorder.function(log: log, gate: gate, blocking: ["slow"]) }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        let slow = Recorder.address("slow")
        let fast = Recorder.address("fast")

        try runtime.send("s1", to: slow)
        await gate.waitForArrivals(1)
        try runtime.send("s2", to: slow)
        try runtime.send("f1", to: fast)
        try runtime.send("f2", to: fast)
        // `fast` finishes both messages while `slow` is still inside its first handler.
        await log.waitForCount(of: "fast", 2)
        #expect(log.entries.filter { $0.hasPrefix("slow") }.isEmpty)

        gate.open()
        await runtime.runUntilIdle()
        #expect(log.entries.filter { $0.hasPrefix("slow") } == ["slow:s1", "slow:s2"])
        #expect(log.entries.filter { $0.hasPrefix("fast") } == ["fast:f1", "fast:f2"])
        #expect(try runtime.state(Recorder.count, of: slow) == 2)
        #expect(try runtime.state(Recorder.count, of: fast) == 2)
    }

    @Test func runsChainsOfMessagesBetweenFunctionsUntilIdle() async throws {
        // Ping gets 0, 2, 4, ..., 10: each odd number goes to pong, which replies with the next even one.
        let counter = ValueSpec<Int32>("rounds")
        let app = App {
            Function("test/ping") {
                counter
                Handle(Int32.self) { context, round in
                    try context.storage.set(counter, round)
                    if round < 10 { try context.send(round + 1, to: Address("test/pong", id: context.address.id)) }
                }
            }
            Function("test/pong") {
                Handle(Int32.self) { context, round in
                    try context.reply(round + 1)
                }
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        try runtime.send(Int32(0), to: Address("test/ping", id: "p"))
        await runtime.runUntilIdle()
        #expect(try runtime.state(counter, of: Address("test/ping", id: "p")) == 10)
    }

    @Test func refusesMessagesForUnknownFunctionsAndInvalidAddresses() throws {
        let runtime = LocalRuntime(app: App { Recorder.function(log: EventLog()) }, clock: ManualClock())
        #expect(throws: RuntimeError.unknownFunction("test/nobody")) {
            try runtime.send("x", to: Address("test/nobody", id: "1"))
        }
        #expect(throws: RuntimeError.self) { try runtime.send("x", to: Address("test/recorder", id: "")) }
    }
}

// MARK: - Test support shared by the Runtime*Tests suites

/// A function that logs `id:message`, counts its messages in state, and can wait on a gate.
enum Recorder {
    static let count = ValueSpec<Int32>("count")
    static let type: TypeName = "test/recorder"

    static func address(_ id: String) -> Address { Address(type, id: id) }

    /// `blocking`: the ids whose handler waits on `gate` (all ids when `nil`).
    static func function(log: EventLog, gate: Gate? = nil, blocking: Set<String>? = nil) -> Function<some FunctionBody> {
        Function(type) {
            count
            Handle(String.self) { context, text in
                if let gate, blocking?.contains(context.address.id) ?? true { await gate.pass() }
                log.append("\(context.address.id):\(text)")
                try context.storage.set(count, (try context.storage.get(count) ?? 0) + 1)
            }
        }
    }
}

/// Thread-safe list of strings, with a way to wait for entries.
final class EventLog: Sendable {
    private struct State {
        var entries: [String] = []
        var waiters: [(prefix: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    var entries: [String] { state.withLock { $0.entries } }

    func append(_ entry: String) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.entries.append(entry)
            let entries = state.entries
            let (done, waiting) = state.waiters.partitioned { waiter in
                entries.count { $0.hasPrefix(waiter.prefix) } >= waiter.count
            }
            state.waiters = waiting
            return done.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    /// Waits until `count` entries start with `prefix`.
    func waitForCount(of prefix: String, _ count: Int) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.entries.count(where: { $0.hasPrefix(prefix) }) >= count { return true }
                state.waiters.append((prefix, count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}

/// Holds handlers until opened; tells the test how many have arrived.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var arrivals = 0
        var held: [CheckedContinuation<Void, Never>] = []
        var arrivalWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Called by a handler: waits until the gate is open.
    func pass() async {
        await withCheckedContinuation { continuation in
            let (open, arrived) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
                state.arrivals += 1
                let count = state.arrivals
                let (done, waiting) = state.arrivalWaiters.partitioned { $0.count <= count }
                state.arrivalWaiters = waiting
                if !state.isOpen { state.held.append(continuation) }
                return (state.isOpen, done.map(\.continuation))
            }
            for waiter in arrived { waiter.resume() }
            if open { continuation.resume() }
        }
    }

    /// Waits until `count` handlers have reached the gate.
    func waitForArrivals(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.arrivals >= count { return true }
                state.arrivalWaiters.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let held = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.held = [] }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }
}

/// Forwards calls and records each one's target, invocation count and attempt number.
final class RecordingTransport: FunctionTransport {
    struct Record: Sendable {
        var target: Address
        var invocations: Int
        var attempt: Int
        var body: [UInt8]
    }

    private let inner: any FunctionTransport
    private let log = Mutex<[Record]>([])

    init(_ inner: any FunctionTransport) {
        self.inner = inner
    }

    var records: [Record] { log.withLock { $0 } }

    func batchSizes(for address: Address) -> [Int] {
        records.filter { $0.target == address }.map(\.invocations)
    }

    func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8] {
        log.withLock { $0.append(Record(target: call.target, invocations: call.invocationCount, attempt: call.attempt, body: call.body)) }
        return try await inner.call(call)
    }
}

/// Answers every call with what `respond` returns (crafted `FromFunction` bytes, or a failure).
struct ScriptedTransport: FunctionTransport {
    let respond: @Sendable (FunctionCall) async throws(RuntimeError) -> [UInt8]

    func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8] {
        try await respond(call)
    }
}

/// An endpoint declaration, contributed to the app model directly (the runtime reads its batch limit).
struct TestEndpoint: PrimitiveAppComponent {
    var functions: String
    var maxNumBatchRequests: Int
    var body: [any AppComponent] { [] }

    func contribute(to model: inout AppModel) {
        model.endpoints.append(
            EndpointDefinition(
                functions: functions, urlPathTemplate: "http://localhost:8000/statefun",
                maxNumBatchRequests: maxNumBatchRequests))
    }
}

extension Array {
    /// The elements that satisfy `belongs`, and the others, each in order.
    func partitioned(_ belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = []
        var no: [Element] = []
        for element in self { if belongs(element) { yes.append(element) } else { no.append(element) } }
        return (yes, no)
    }
}
