import GreeterMessages
public import StateFun

/// `greeter demo`: the whole pipeline in this process, no Kafka, Flink or Docker. The event generator's records
/// go to topic `names`, the app's Kafka ingress declaration routes them to the greeter on a ``LocalRuntime``
/// (which calls it through the same request-reply protocol as StateFun), and the records the greeter writes to
/// `greetings` are printed as `name: greeting`, like the walkthrough's consumer does.
public enum LocalDemo {
    /// The most records one run publishes.
    public static let maxCount = 10_000

    /// The command, for ``App/main(arguments:commands:defaultCommand:)``.
    public static let command = AppCommand(
        name: "demo", summary: "Run the greeter on the embedded runtime with generated names and print the greetings.",
        options: [
            .integer("count", placeholder: "<n>", range: 1...maxCount, defaultValue: 12, help: "How many requests to publish."),
            .integer("seed", placeholder: "<seed>", range: 0...Int.max, defaultValue: 2020, help: "The generator's seed."),
            .integer(
                "interval", placeholder: "<ms>", range: 0...60_000, defaultValue: 0,
                help: "Milliseconds to wait between two requests."),
        ]
    ) { invocation in
        let count = invocation.arguments.integer("count") ?? 12
        let seed = UInt64(invocation.arguments.integer("seed") ?? 2020)
        let interval = invocation.arguments.integer("interval") ?? 0
        return try await run(
            app: invocation.app, count: count, seed: seed, interval: .milliseconds(interval), output: invocation.output)
    }

    /// Publishes `count` generated requests one after another and prints each greeting as it comes out; returns
    /// the exit status (``AppCommand/failure`` when the runtime reported a failed call).
    public static func run(
        app: App, count: Int, seed: UInt64, interval: Duration = .zero, output: CommandOutput
    ) async throws -> Int32 {
        let runtime = LocalRuntime(app: app)
        defer { runtime.shutDown() }
        var generator = EventGenerator(seed: seed)
        var printed = 0
        for index in 0..<count {
            if index > 0, interval > .zero { try await Task.sleep(for: interval) }
            let record = generator.nextRecord()
            try runtime.ingest(topic: "names", key: record.key, value: record.value)
            await runtime.runUntilIdle()
            let greetings = runtime.egressRecords(topic: "greetings")
            for greeting in greetings.dropFirst(printed) {
                let response = try greeting.value(as: GreetResponse.self)
                output.print("\(response.name):\t\(response.greeting)")
            }
            printed = greetings.count
        }
        for failure in runtime.failures { output.printError("failed: \(failure)") }
        return runtime.failures.isEmpty ? AppCommand.success : AppCommand.failure
    }
}
