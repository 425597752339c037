// The greeter's behaviour (greetings, state, egress records through the real request handler), its
// module.yaml (the checked-in file, and format 1.0 against the walkthrough's), and its command line.

import Foundation
import GreeterApp
import StateFun
import StateFunTesting
import Testing

@Suite struct GreeterTests {
    @Test func greetingsFollowTheWalkthrough() {
        #expect(Greeter.greeting(for: "ann", seen: 1) == "Welcome ann")
        #expect(Greeter.greeting(for: "ann", seen: 2) == "Nice to see you again ann")
        #expect(Greeter.greeting(for: "ann", seen: 3) == "Third time is a charm ann")
        #expect(Greeter.greeting(for: "ann", seen: 4) == "Nice to see you at the 4-nth time ann!")
        #expect(Greeter.greeting(for: "ann", seen: 12) == "Nice to see you at the 12-nth time ann!")
    }

    @Test func greetCountsFromOne() throws {
        let (first, response) = try Greeter.greet(Example_GreetRequest(name: "bob"), seen: nil)
        #expect(first == Example_SeenCount(seen: 1) && response == Example_GreetResponse(name: "bob", greeting: "Welcome bob"))
        let (second, _) = try Greeter.greet(Example_GreetRequest(name: "bob"), seen: first)
        #expect(second.seen == 2)
        #expect(throws: GreeterError.countOverflow(name: "x")) { try Greeter.greet(Example_GreetRequest(name: "x"), seen: Example_SeenCount(seen: .max)) }
    }

    @Test func messagesRoundTrip() throws {
        let response = Example_GreetResponse(name: "ann", greeting: "Welcome ann")
        #expect(try Example_GreetResponse.deserialize(from: response.serialize()) == response)
        #expect(try Example_SeenCount.deserialize(from: Example_SeenCount(seen: -3).serialize()) == Example_SeenCount(seen: -3))
        // Field 1, wire type 2, length 3, "ann": the bytes the walkthrough's Python generator writes.
        #expect(Example_GreetRequest(name: "ann").serialize() == [0x0A, 0x03, 0x61, 0x6E, 0x6E])
    }

    @Test func appValidatesWithoutDiagnostics() {
        #expect(Greeter.app.validate().isEmpty)
    }

    /// The third request for a name: state 2 → 3 and a record on `greetings`, through the 3.x request handler.
    @Test func handlerWritesStateAndEgress() async throws {
        let request = Wire.toFunction(
            target: ("example", "greeter", "ann"),
            state: [("seen_count", Example_SeenCount.typeName.description, Example_SeenCount(seen: 2).serialize())],
            argument: (Example_GreetRequest.typeName.description, Example_GreetRequest(name: "ann").serialize()))
        let response = try Wire.invocationResponse(try await Greeter.app.requestReplyHandler().handle(request))
        #expect(response.mutations.count == 1)
        #expect(response.mutations.first?.name == "seen_count")
        #expect(response.mutations.first?.typename == "com.googleapis/example.SeenCount")
        #expect(try Example_SeenCount.deserialize(from: response.mutations.first?.value ?? []) == Example_SeenCount(seen: 3))
        let egress = try #require(response.egresses.first)
        #expect(egress.namespace == "example" && egress.type == "greets")
        #expect(egress.typename == "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord")
        let record = try Wire.kafkaRecord(egress.value)
        #expect(record.topic == "greetings" && record.key == "ann")
        #expect(try Example_GreetResponse.deserialize(from: record.value) == Example_GreetResponse(name: "ann", greeting: "Third time is a charm ann"))
    }

    /// The whole app on a runtime of its own (the `.localRuntime` trait: a manual clock, fresh for this test): two
    /// requests from the `names` topic become two greetings, and nothing failed or waits for a retry.
    @Test(.localRuntime(Greeter.app)) func greetingsFlowFromTheIngressToTheEgress() async throws {
        let runtime = try #require(LocalRuntime.current)
        for _ in 0..<2 { try await runtime.ingestAndWait(topic: "names", key: "ann", Example_GreetRequest(name: "ann")) }
        let greetings = try runtime.egressRecords(topic: "greetings").map { try $0.value(as: Example_GreetResponse.self).greeting }
        #expect(greetings == ["Welcome ann", "Nice to see you again ann"])
        runtime.expectNoFailures()
    }

    // MARK: - module.yaml

    static let sampleDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func checkedInModuleYAMLIsWhatTheAppEmits() throws {
        let checkedIn = try String(
            contentsOf: Self.sampleDirectory.appendingPathComponent("module.yaml"), encoding: .utf8)
        #expect(
            checkedIn == Greeter.app.moduleYAML(),
            "Samples/Greeter/module.yaml is stale: regenerate it with `swift run greeter module-yaml > module.yaml`")
    }

    /// `greeter module-yaml --format 1.0 --endpoint http://python-worker:8000/statefun` holds the data of the
    /// walkthrough's module.yaml (key order and comments aside).
    @Test func format10EqualsTheWalkthroughModule() throws {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/walkthrough-module.yaml")
        let walkthrough = try BlockYAML.documents(try String(contentsOf: url, encoding: .utf8))
        let emitted = try BlockYAML.documents(
            Greeter.app.moduleYAML(format: .v1_0, endpoint: "http://python-worker:8000/statefun"))
        #expect(emitted == walkthrough, "emitted: \(emitted)\nwalkthrough: \(walkthrough)")
        #expect(walkthrough.first?["module"]?["spec"]?["functions"]?[0]?["function"]?["spec"]?["timeout"] == .string("2min"))
    }

    /// The same comparison with PyYAML (the SDK's `check.py --same-data`), when python3 is installed; the script
    /// exits 77 when PyYAML is missing.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func format10EqualsTheWalkthroughModuleForPyYAML() throws {
        let script = Self.sampleDirectory.appendingPathComponent("../../Tests/StateFunTests/Fixtures/module-yaml/check.py")
        let walkthrough = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/walkthrough-module.yaml")
        let emitted = FileManager.default.temporaryDirectory.appendingPathComponent("greeter-1.0-\(getpid()).yaml")
        try Greeter.app.moduleYAML(format: .v1_0, endpoint: "http://python-worker:8000/statefun")
            .write(to: emitted, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: emitted) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.standardized.path, "--same-data", walkthrough.path, emitted.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 || process.terminationStatus == 77, "\(output)")
    }

    @Test func commandLinePrintsTheWalkthroughModule() async {
        let captured = Captured()
        let status = await Greeter.app.runCommandLine(
            arguments: ["greeter", "module-yaml", "--format", "1.0", "--endpoint", "http://python-worker:8000/statefun"],
            output: captured.output)
        #expect(status == 0)
        #expect(captured.text == Greeter.app.moduleYAML(format: .v1_0, endpoint: "http://python-worker:8000/statefun"))
    }
}

/// Collects standard output.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    var output: CommandOutput {
        CommandOutput(
            standardOutput: { text in self.lock.withLock { self.buffer += text } }, standardError: { _ in })
    }

    var text: String { lock.withLock { buffer } }
}
