import StateFun
import StateFunTesting
import Testing

/// Issue 17 item 4: `@Test(.localRuntime(app))` gives each test a fresh runtime on a manual clock, and
/// `expectNoFailures()` fails a test on a failure or on a call still waiting for a retry.
@Suite struct LocalRuntimeTraitTests {
    struct Boom: Error {}
    static let seen = ValueSpec<Int32>("seen")
    static let greeter = Function("trait/greeter") {
        seen
        Handle(String.self) { context, name in
            if name == "boom" { throw Boom() }
            try context.storage.set(seen, (try context.storage.get(seen) ?? 0) + 1)
        }
    }
    static let app = App { greeter }

    @Test(.localRuntime(app)) func aTestGetsARuntimeForTheAppOnAManualClockAtZero() async throws {
        let runtime = try #require(LocalRuntime.current)
        #expect(runtime.clock is ManualClock && runtime.now == .zero)
        #expect(runtime.app.functionTypes == ["trait/greeter"] && runtime.protocolVersion == .v3)
        try await runtime.sendAndWait("hi", to: Self.greeter("ann"))
        #expect(runtime.value(Self.seen, of: Self.greeter("ann").address) == 1)
        runtime.expectNoFailures()  // records nothing: the test would fail
    }

    @Test(.localRuntime(app, protocolVersion: .v2)) func theTraitTakesTheProtocol() throws {
        #expect(try #require(LocalRuntime.current).protocolVersion == .v2)
    }

    @Test(.localRuntime(app), arguments: [1, 2, 3])
    func eachCaseOfAParameterizedTestGetsAFreshRuntime(sends: Int) async throws {
        let runtime = try #require(LocalRuntime.current)
        for _ in 0..<sends { try await runtime.sendAndWait("hi", to: Self.greeter("ann")) }
        #expect(runtime.value(Self.seen, of: Self.greeter("ann").address) == Int32(sends), "no other case's messages")
    }

    @Test func outsideTheTraitThereIsNoRuntime() {
        #expect(LocalRuntime.current == nil)
    }

    @Test(.localRuntime(app)) func expectNoFailuresFailsOnACallWaitingForARetryThenOnTheFailure() async throws {
        let runtime = try #require(LocalRuntime.current)
        try await runtime.sendAndWait("boom", to: Self.greeter("ann"))
        #expect(runtime.failures.isEmpty && runtime.pendingRetryCount == 1, "retried until the call timeout")
        withKnownIssue {
            runtime.expectNoFailures()
        } matching: { issue in
            "\(issue)".contains("1 call failed and waits for a retry (trait/greeter/ann)")
        }
        await runtime.advance(by: .seconds(60))
        #expect(runtime.failures.count == 1 && runtime.pendingRetryCount == 0)
        withKnownIssue {
            runtime.expectNoFailures()
        } matching: { issue in
            "\(issue)".contains("the local runtime reported a failure") && "\(issue)".contains("trait/greeter/ann")
        }
    }
}

/// On a suite, every test gets a runtime of its own.
@Suite(.localRuntime(LocalRuntimeTraitTests.app)) struct LocalRuntimeSuiteTraitTests {
    @Test func firstTestCountsOne() async throws {
        let runtime = try #require(LocalRuntime.current)
        try await runtime.sendAndWait("hi", to: LocalRuntimeTraitTests.greeter("ann"))
        #expect(runtime.value(LocalRuntimeTraitTests.seen, of: LocalRuntimeTraitTests.greeter("ann").address) == 1)
    }

    @Test func secondTestCountsOneToo() async throws {
        let runtime = try #require(LocalRuntime.current)
        try await runtime.sendAndWait("hi", to: LocalRuntimeTraitTests.greeter("ann"))
        #expect(runtime.value(LocalRuntimeTraitTests.seen, of: LocalRuntimeTraitTests.greeter("ann").address) == 1)
    }
}
