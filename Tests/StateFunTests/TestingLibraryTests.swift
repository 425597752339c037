import StateFun
import StateFunTesting
import Testing

@Suite("Testing library: one invocation")
struct TestingLibraryTests {
    static let seen = ValueSpec<Int32>("seen")
    static let scratch = ValueSpec<String>("scratch")
    static let greets = KafkaEgress(id: "example/greets", address: "kafka:9092")

    static let app = App {
        greets
        Function("example/greeter") {
            seen
            scratch
            Handle(String.self) { context, greeting in
                let count = (try context.storage.get(seen) ?? 0) + 1
                try context.storage.set(seen, count)
                try context.storage.delete(scratch)
                let text = "\(greeting) \(context.address.id)! seen=\(count)"
                try context.send(greets.record(topic: "greetings", key: context.address.id, value: .string(text)))
                if context.caller != nil { try context.reply(text) }
                // One pending tick per id: replace the previous one.
                try context.cancelDelayedMessage("t-\(context.address.id)")
                try context.send("tick", to: Address("example/clock", id: "c"), after: .seconds(90), cancellationToken: "t-\(context.address.id)")
            }
            Handle(Int32.self) { _, _ in
                struct Refused: Error {}
                throw Refused()
            }
        }
        Function("example/clock") {
            Handle(String.self) { context, tick in
                try context.send(greets.record(topic: "ticks", value: .string("\(tick) for \(context.caller?.id ?? "-")")))
            }
        }
    }

    @Test func anAppThatValidateRejectsIsRefusedWithValidatesDiagnostics() async throws {
        let invalid = App {
            Function("example/greeter") {
                ValueSpec<Int32>("seen-count")  // a '-' is not allowed in a state name
                Handle(String.self) { _, _ in }
            }
            KafkaIngress(id: "example/names", address: "kafka:9092") {
                KafkaTopic("names", valueType: String.self, targets: "example/greter")  // a typo
            }
        }
        let errors = invalid.validate().filter { $0.severity == .error }
        try #require(errors.count >= 2, "the app has the two mistakes: \(errors)")
        do {
            _ = try await TestInvocation(app: invalid, function: "example/greeter", id: "ann").invoke(with: "hi")
            Issue.record("an invalid app was invoked")
        } catch StateFunError.invalidArgument(let report) {
            for error in errors { #expect(report.contains(error.message), "\(report)") }
        }
    }

    @Test func invokesWithSeededStateAndReportsEveryEffect() async throws {
        let result = try await TestInvocation(app: Self.app, function: "example/greeter", id: "ann")
            .state(Self.seen, 3)
            .state(Self.scratch, "x")
            .invoke(with: "Hello")

        #expect(result.state(Self.seen) == 4)
        #expect(result.state(Self.scratch) == nil)
        #expect(result.changedStates == ["seen", "scratch"])
        #expect(result.egressTexts == ["Hello ann! seen=4"])
        #expect(result.egressRecords.first?.payload == .kafka(topic: "greetings", key: "ann", value: Array("Hello ann! seen=4".utf8)))
        #expect(result.sentMessages.isEmpty, "no caller, no reply")
        #expect(result.delayedMessages.map(\.delay) == [.seconds(90)])
        #expect(result.delayedMessages.first?.cancellationToken == "t-ann")
        #expect(result.delayedMessages.first?.value(as: String.self) == "tick")
        #expect(result.delayedMessages.first?.target == Address("example/clock", id: "c"))
        #expect(result.cancelledTokens == ["t-ann"])
    }

    @Test func repliesToAGivenCaller() async throws {
        let caller = Address("example/caller", id: "c1")
        let result = try await TestInvocation(app: Self.app, function: "example/greeter", id: "bob")
            .caller(caller)
            .invoke(with: "Hi")
        #expect(result.sentValues(String.self, to: caller) == ["Hi bob! seen=1"])
        #expect(result.sentMessages.map(\.target) == [caller])
    }

    @Test func aBatchRunsAgainstOneEvolvingState() async throws {
        let result = try await TestInvocation(app: Self.app, function: "example/greeter", id: "ann")
            .invoke(with: [try Message("a"), try Message("b"), try Message("c")])
        #expect(result.state(Self.seen) == 3)
        #expect(result.egressTexts == ["a ann! seen=1", "b ann! seen=2", "c ann! seen=3"])
    }

    @Test func aThrowingHandlerFailsTheInvocation() async throws {
        await #expect(throws: StateFunError.self) {
            try await TestInvocation(app: Self.app, function: "example/greeter", id: "ann").invoke(with: Int32(1))
        }
        await #expect(throws: StateFunError.unknownFunction("example/nobody")) {
            try await TestInvocation(app: Self.app, function: "example/nobody", id: "ann").invoke(with: "x")
        }
    }

    @Test func aSeededValueOfAnotherTypeIsReportedByTheFunction() async throws {
        let invocation = TestInvocation(app: Self.app, function: "example/greeter", id: "ann")
            .state(named: "seen", try Message("not a number"))
        await #expect(throws: StateFunError.self) { try await invocation.invoke(with: "Hello") }
    }

    @Test func speaksThe2xProtocolToo() async throws {
        let app = App {
            Function("example/counter") {
                Self.seen
                Handle(String.self) { context, _ in
                    try context.storage.set(Self.seen, (try context.storage.get(Self.seen) ?? 0) + 1)
                    try context.send("later", to: context.address, after: .seconds(1))
                }
            }
        }
        let result = try await TestInvocation(app: app, function: "example/counter", id: "ann", protocolVersion: .v2)
            .state(Self.seen, 41)
            .invoke(with: "Hello")
        #expect(result.state(Self.seen) == 42)
        #expect(result.stateValues["seen"]?.typeName == "type.googleapis.com/google.protobuf.Int32Value")
        #expect(result.delayedMessages.map(\.delay) == [.seconds(1)])
        #expect(result.delayedMessages.first?.value(as: String.self) == "later")
    }
}

@Suite("Testing library: whole-app harness")
struct TestingLibraryHarnessTests {
    @Test func drivesAnAppOnAManualClock() async throws {
        let runtime = LocalRuntime.forTesting(app: TestingLibraryTests.app)
        let ann = Address("example/greeter", id: "ann")
        try await runtime.sendAndWait("Hello", to: ann)
        try await runtime.sendAndWait("Hello", to: ann)
        #expect(runtime.egressTexts(topic: "greetings") == ["Hello ann! seen=1", "Hello ann! seen=2"])
        #expect(runtime.value(TestingLibraryTests.seen, of: ann) == 2)
        #expect(runtime.egressTexts(topic: "ticks").isEmpty)
        try runtime.checkNoFailures()

        // Each greeting replaced the pending tick: one arrives, 90 s after the last greeting.
        await runtime.advance(by: .seconds(90))
        #expect(runtime.egressTexts(topic: "ticks") == ["tick for ann"])
    }

    @Test func reportsFailuresAsOneError() async throws {
        let runtime = LocalRuntime.forTesting(app: TestingLibraryTests.app)
        try await runtime.sendAndWait(Int32(7), to: Address("example/greeter", id: "ann"))
        await runtime.advance(by: .seconds(60))
        let error = try #require(throws: RuntimeFailures.self) { try runtime.checkNoFailures() }
        #expect(error.failures.count == 1)
        #expect(error.description.contains("example/greeter/ann"))
    }
}
