import Greeter
import GreeterMessages
import StateFun
import StateFunTesting
import Testing

@Suite struct WiringTests {
    @Test func theAppValidatesWithoutProblems() {
        #expect(GreeterApp.app.validate().isEmpty)
        #expect(GreeterApp.app.requestReplyHandler().serves("example/greeter"))
    }

    @Test func aRecordOnNamesReachesTheGreeterNamedByItsKey() async throws {
        let runtime = LocalRuntime.forTesting(app: GreeterApp.app)
        let delivered = try runtime.ingest(topic: "names", key: "Newman", GreetRequest(name: "Newman"))
        #expect(delivered == [GreeterApp.greeter("Newman").address])
        await runtime.runUntilIdle()
        try runtime.checkNoFailures()
        let record = try #require(runtime.egressRecords(topic: "greetings").first)
        #expect(record.key == "Newman")
        #expect(try record.value(as: GreetResponse.self).greeting == "Welcome Newman")
    }

    @Test func theDemoPrintsOneGreetingPerGeneratedRequest() async throws {
        let captured = CapturedOutput()
        let status = await GreeterApp.app.runCommandLine(
            arguments: ["greeter", "demo", "--count", "30", "--seed", "5"], commands: [LocalDemo.command],
            defaultCommand: "demo", output: captured.output)
        #expect(status == 0)
        #expect(captured.standardError.isEmpty)

        // What the greeter must have said, worked out from the same generator.
        var generator = EventGenerator(seed: 5)
        var seen: [String: Int64] = [:]
        let expected = generator.records(30).map { record in
            let count = (seen[record.key] ?? 0) + 1
            seen[record.key] = count
            return "\(record.key):\t\(GreeterApp.computeGreeting(name: record.key, seen: count).greeting)"
        }
        #expect(captured.lines == expected)
        #expect(seen.values.contains { $0 >= 4 }, "the run reaches the n-th time template")
    }

    @Test func theDemoIsTheDefaultCommand() async {
        let captured = CapturedOutput()
        let status = await GreeterApp.app.runCommandLine(
            arguments: ["greeter", "--count", "3"], commands: [LocalDemo.command], defaultCommand: "demo",
            output: captured.output)
        #expect(status == 0)
        #expect(captured.lines.count == 3)
    }

    @Test func aCountOutOfRangeIsAUsageError() async {
        let captured = CapturedOutput()
        let status = await GreeterApp.app.runCommandLine(
            arguments: ["greeter", "demo", "--count", "0"], commands: [LocalDemo.command], defaultCommand: "demo",
            output: captured.output)
        #expect(status == AppCommand.usageError)
        #expect(captured.lines.isEmpty)
    }
}
