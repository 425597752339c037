public import StateFun
public import Testing

/// A Swift Testing trait that runs each test with a fresh ``LocalRuntime`` for an app, on a `ManualClock` at zero
/// (what `LocalRuntime/forTesting(app:protocolVersion:remoteEndpoints:)` makes), shut down when the test ends:
///
/// ```swift
/// @Test(.localRuntime(app)) func greetsAndCounts() async throws {
///     let runtime = try #require(LocalRuntime.current)
///     try await runtime.sendAndWait(GreetRequest(name: "ann"), to: greeter("ann"))
///     #expect(runtime.egressTexts(topic: "greetings") == ["Welcome ann"])
///     runtime.expectNoFailures()
/// }
/// ```
///
/// On a suite (`@Suite(.localRuntime(app))`) every test of it gets its own runtime; each case of a parameterized
/// test gets its own too, so tests that run in parallel never share state, mailboxes or the clock.
public struct LocalRuntimeTrait: TestTrait, SuiteTrait, TestScoping {
    /// The app each runtime runs.
    public let app: App
    /// The protocol each runtime speaks with the app's functions.
    public let protocolVersion: ProtocolVersion

    /// Applies to every test of a suite it is attached to.
    public var isRecursive: Bool { true }

    /// A scope for each test case (a test that is not parameterized has one), none for a suite as a whole.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> LocalRuntimeTrait? {
        testCase == nil ? nil : self
    }

    /// Runs the test case with a fresh runtime as ``LocalRuntime/current``, and shuts the runtime down after it.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let runtime = LocalRuntime.forTesting(app: app, protocolVersion: protocolVersion)
        defer { runtime.shutDown() }
        try await RuntimeOfTheTest.$runtime.withValue(runtime) { try await function() }
    }
}

extension Trait where Self == LocalRuntimeTrait {
    /// Gives each test a fresh ``LocalRuntime`` for `app` on a `ManualClock`, read as ``LocalRuntime/current``.
    public static func localRuntime(_ app: App, protocolVersion: ProtocolVersion = .v3) -> Self {
        LocalRuntimeTrait(app: app, protocolVersion: protocolVersion)
    }
}

/// Where the trait puts the runtime for the test's task and its child tasks.
enum RuntimeOfTheTest {
    @TaskLocal static var runtime: LocalRuntime?
}

extension LocalRuntime {
    /// The runtime the ``LocalRuntimeTrait`` (`.localRuntime(app)`) gave the running test; `nil` outside such a
    /// test.
    public static var current: LocalRuntime? { RuntimeOfTheTest.runtime }

    /// Records a test issue for every failure the runtime reported (`failures`) and one for calls still waiting
    /// for a retry (`pendingRetryCount`): on a `ManualClock` a failing call is retried only when the clock is
    /// advanced, so a test that ends before the call timeout would otherwise never see it fail.
    public func expectNoFailures(sourceLocation: SourceLocation = #_sourceLocation) {
        for failure in failures {
            Issue.record("the local runtime reported a failure: \(failure)", sourceLocation: sourceLocation)
        }
        let waiting = pendingRetryAddresses
        if !waiting.isEmpty {
            let addresses = waiting.map(\.description).joined(separator: ", ")
            let calls = waiting.count == 1 ? "1 call failed and waits" : "\(waiting.count) calls failed and wait"
            let text = "\(calls) for a retry (\(addresses)): advance the clock past the call timeout to see why, or "
                + "look at what the function throws"
            Issue.record("\(text)", sourceLocation: sourceLocation)
        }
    }
}
