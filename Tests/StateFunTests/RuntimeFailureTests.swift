import StateFun
import Synchronization
import Testing
import StateFunProtocol

@Suite("Local runtime: failing calls, retries and give-up")
struct RuntimeFailureTests {
    @Test func aThrowingHandlerLeavesStateUntouchedAndIsRetriedUntilTheCallTimeout() async throws {
        let clock = ManualClock()
        let app = App { Flaky.function(failures: .max) }
        let transport = TimedTransport(InProcessTransport(app: app), clock: clock)
        let runtime = LocalRuntime(app: app, clock: clock, transport: transport)
        let reported = Mutex<[RuntimeFailure]>([])
        runtime.onFailure { failure in reported.withLock { $0.append(failure) } }
        let a = Flaky.address("a")

        try runtime.send("ok", to: a)
        await runtime.runUntilIdle()
        #expect(try runtime.state(Flaky.count, of: a) == 1)

        try runtime.send("boom", to: a)
        await runtime.runUntilIdle()
        try runtime.send("ok", to: a)  // queued behind the failing batch
        await runtime.runUntilIdle()
        #expect(try runtime.state(Flaky.count, of: a) == 1, "the failed batch wrote nothing")
        #expect(runtime.failures.isEmpty, "still retrying")

        await runtime.advance(by: .seconds(60))
        // OkHttp's backoff: 10 ms doubling, the last pause cut to what is left of the 60 s call timeout.
        let attempts = transport.attempts(carrying: ["boom"])
        #expect(attempts.map(\.attempt) == Array(1...14))
        let times = attempts.map(\.time)
        let expected: [Duration] = [0, 10, 30, 70, 150, 310, 630, 1270, 2550, 5110, 10230, 20470, 40950, 60000]
            .map { .milliseconds($0) }
        #expect(times == expected)
        let failure = try #require(runtime.failures.first)
        #expect(runtime.failures.count == 1)
        #expect(failure.address == a && failure.attempts == 14 && failure.time == .seconds(60))
        #expect(failure.droppedMessages.map { try? $0.decode(String.self) } == ["boom"])
        guard case .functionFailed(.handlerFailed(function: "test/flaky", id: "a", let reason)) = failure.error else {
            Issue.record("unexpected error \(failure.error)")
            return
        }
        #expect("\(reason)".contains("boom"))
        #expect(failure.description.contains("after 14 attempts"))
        #expect(reported.withLock { $0 } == [failure])
        // The message queued behind the dropped batch went through afterwards.
        #expect(try runtime.state(Flaky.count, of: a) == 2)
    }

    @Test func aMessageNoHandlerTakesIsReportedAtOnceAsPermanentNotRetried() async throws {
        let clock = ManualClock()
        let app = App { Flaky.function(failures: 0) }
        let transport = TimedTransport(InProcessTransport(app: app), clock: clock)
        let runtime = LocalRuntime(app: app, clock: clock, transport: transport)
        let a = Flaky.address("a")

        try runtime.send(Int64(7), to: a)  // Flaky handles String only, and has no Otherwise
        await runtime.runUntilIdle()

        // No clock advance: the failure is there after the first attempt, with nothing left to retry.
        let failure = try #require(runtime.failures.first)
        #expect(runtime.failures.count == 1 && failure.attempts == 1 && failure.time == .zero)
        #expect(!failure.error.isRetryable)
        #expect(failure.error.description.contains("io.statefun.types/long"), "\(failure.error)")
        try runtime.send("ok", to: a)
        await runtime.runUntilIdle()
        #expect(try runtime.state(Flaky.count, of: a) == 1, "the function goes on with the next message")
    }

    @Test func aCallThatSucceedsOnRetryAppliesItsEffectsOnce() async throws {
        let clock = ManualClock()
        let app = App { Flaky.function(failures: 3) }
        let transport = TimedTransport(InProcessTransport(app: app), clock: clock)
        let runtime = LocalRuntime(app: app, clock: clock, transport: transport)
        let a = Flaky.address("a")
        try runtime.send("flaky", to: a)
        await runtime.advance(by: .seconds(1))
        #expect(try runtime.state(Flaky.count, of: a) == 1)
        #expect(runtime.failures.isEmpty)
        // The handshake's call, then the request with state: attempts 1 to 4.
        let attempts = transport.attempts(carrying: ["flaky"])
        #expect(attempts.map(\.attempt) == [1, 1, 2, 3, 4])
        #expect(attempts.map(\.time) == [0, 0, 10, 30, 70].map { .milliseconds($0) })
    }

    @Test func theRetryBudgetIsTheCallTimeout() async throws {
        let app = App { Flaky.function(failures: .max) }
        let runtime = LocalRuntime(
            app: app, clock: ManualClock(), configuration: .init(callTimeout: .seconds(1)))
        try runtime.send("boom", to: Flaky.address("a"))
        await runtime.advance(by: .seconds(5))
        // 0, 10, 30, 70, 150, 310, 630 ms, then the rest of the second: 1000 ms.
        #expect(runtime.failures.map(\.attempts) == [8])
        #expect(runtime.failures.map(\.time) == [.seconds(1)])
    }

    @Test(arguments: [400, 404, 415])
    func aStatusTheRuntimeDoesNotRetryFailsAtOnce(status: Int) async throws {
        let runtime = LocalRuntime(
            app: App { Flaky.function(failures: 0) }, clock: ManualClock(),
            transport: ScriptedTransport { _ throws(RuntimeError) in throw .httpStatus(status, body: "no") })
        try runtime.send("x", to: Flaky.address("a"))
        await runtime.runUntilIdle()
        #expect(runtime.failures.map(\.error) == [.httpStatus(status, body: "no")])
        #expect(runtime.failures.map(\.attempts) == [1])
    }

    @Test(arguments: [408, 409, 420, 429, 499, 500, 503])
    func aStatusTheRuntimeRetriesIsRetried(status: Int) async throws {
        let calls = Mutex(0)
        let runtime = LocalRuntime(
            app: App { Flaky.function(failures: 0) }, clock: ManualClock(),
            transport: ScriptedTransport { _ throws(RuntimeError) in
                if calls.withLock({ $0 += 1; return $0 }) < 3 { throw .httpStatus(status, body: "") }
                return FromFunctionV3(response: .invocationResult(.init())).serialized()
            })
        try runtime.send("x", to: Flaky.address("a"))
        await runtime.advance(by: .seconds(1))
        #expect(runtime.failures.isEmpty)
        #expect(calls.withLock { $0 } == 3)
    }

    @Test func onAWallClockRunUntilIdleWaitsForRetries() async throws {
        // Two failures: the retries come 10 and 30 ms after the first attempt, in real time.
        let app = App { Flaky.function(failures: 2) }
        let runtime = LocalRuntime(app: app)
        try runtime.send("flaky", to: Flaky.address("a"))
        await runtime.runUntilIdle()
        #expect(try runtime.state(Flaky.count, of: Flaky.address("a")) == 1)
        #expect(runtime.failures.isEmpty)
    }
}

/// `test/flaky`: counts messages in state; a message "boom" always throws, and the first `failures` calls of
/// the whole function throw (after writing state, which must not stick).
enum Flaky {
    static let count = ValueSpec<Int32>("count")

    static func address(_ id: String) -> Address { Address("test/flaky", id: id) }

    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    static func function(failures: Int) -> Function<some FunctionBody> {
        let failed = Mutex(0)
        return Function("test/flaky") {
            count
            Handle(String.self) { context, text in
                try context.storage.set(count, (try context.storage.get(count) ?? 0) + 1)
                if text == "boom" { throw Boom() }
                if text == "flaky", failed.withLock({ $0 += 1; return $0 }) <= failures { throw Boom() }
            }
        }
    }
}

/// Forwards calls and records, for each, the runtime clock's time, the attempt number and the string messages
/// of the batch.
final class TimedTransport: FunctionTransport {
    struct Attempt: Sendable {
        var target: Address
        var attempt: Int
        var time: Duration
        var messages: [String]
    }

    private let inner: any FunctionTransport
    private let clock: any RuntimeClock
    private let log = Mutex<[Attempt]>([])

    init(_ inner: any FunctionTransport, clock: any RuntimeClock) {
        self.inner = inner
        self.clock = clock
    }

    /// The calls whose batch was exactly `messages` (the handshake's call included).
    func attempts(carrying messages: [String]) -> [Attempt] {
        log.withLock { $0.filter { $0.messages == messages } }
    }

    func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8] {
        let invocations = (try? ToFunctionV3(serialized: call.body).invocation?.invocations) ?? []
        let messages = invocations.compactMap { $0.argument.flatMap { try? String.deserialize(from: $0.value) } }
        log.withLock {
            $0.append(Attempt(target: call.target, attempt: call.attempt, time: clock.now, messages: messages))
        }
        return try await inner.call(call)
    }
}
