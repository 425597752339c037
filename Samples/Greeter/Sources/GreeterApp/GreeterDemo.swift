public import StateFun

/// `greeter` with no command: the walkthrough's scenario on the embedded runtime, no Kafka, Flink or Docker.
///
/// A generator like the walkthrough's event generator picks names at random (seeded, so every run is the same)
/// and publishes a `GreetRequest` per pick to the topic `names`, keyed by the name. The app's Kafka ingress
/// declaration routes each record to `example/greeter` (id = the key), which runs on a ``LocalRuntime`` through
/// the real request-reply protocol; the greetings it writes to the topic `greetings` are printed as they arrive,
/// the way the walkthrough's consumer prints them (`name:<tab>greeting`).
///
/// With the default 20 requests over 6 names, some name is picked at least 4 times, so every template of the
/// walkthrough's `compute_greeting` shows up: "Welcome …", "Nice to see you again …", "Third time is a charm …"
/// and "Nice to see you at the N-nth time …!".
public enum GreeterDemo {
    /// The walkthrough generator's cast.
    public static let names = ["Jerry", "George", "Elaine", "Kramer", "Newman", "Frank"]
    /// Requests published by a bounded run, by default.
    public static let defaultCount = 20
    /// The most requests one bounded run publishes (`--count`).
    public static let maxCount = 1_000_000
    /// The pause between two requests, by default (20 requests take about a second).
    public static let defaultInterval: Duration = .milliseconds(50)
    /// The longest pause `--interval` accepts, in milliseconds.
    public static let maxIntervalMilliseconds = 60_000
    /// The generator's seed, by default.
    public static let defaultSeed: UInt64 = 2020
    /// How many requests are published before the demo waits for the runtime to catch up.
    public static let backlogLimit = 1_000

    /// How one run behaves.
    public struct Options: Sendable, Equatable {
        /// How many requests to publish; ignored when ``forever`` is set.
        public var count: Int
        /// The pause between two requests.
        public var interval: Duration
        /// The generator's seed.
        public var seed: UInt64
        /// Keep publishing until the process is stopped (Ctrl-C).
        public var forever: Bool

        /// The defaults: 20 requests, 50 ms apart, seed 2020, then stop.
        public init(
            count: Int = GreeterDemo.defaultCount, interval: Duration = GreeterDemo.defaultInterval,
            seed: UInt64 = GreeterDemo.defaultSeed, forever: Bool = false
        ) {
            self.count = count
            self.interval = interval
            self.seed = seed
            self.forever = forever
        }
    }

    /// The commands the `greeter` executable adds to the built-in ones: `demo` (its default) and a `dev` server
    /// that shows the greeter's messages by their fields.
    public static var commands: [AppCommand] {
        [command, AppCommand.dev(messageTypes: messageTypes)]
    }

    /// The greeter's message types, for the development server's egress and state views.
    public static let messageTypes: [any StateFunType.Type] = [Example_GreetResponse.self, Example_GreetRequest.self, Example_SeenCount.self]

    /// `demo [--count N] [--interval MS] [--seed S] [--forever]`.
    public static var command: AppCommand {
        AppCommand(
            name: "demo",
            summary: "Publish generated names to topic 'names' on the embedded runtime and print the greetings.",
            options: [
                .integer(
                    "count", placeholder: "<n>", range: 1...maxCount, defaultValue: defaultCount,
                    help: "How many requests to publish."),
                .integer(
                    "interval", placeholder: "<ms>", range: 0...maxIntervalMilliseconds,
                    defaultValue: Int(defaultInterval / .milliseconds(1)), help: "Milliseconds between two requests."),
                .integer(
                    "seed", placeholder: "<seed>", range: 0...Int.max, defaultValue: Int(defaultSeed),
                    help: "The generator's seed."),
                .flag("forever", help: "Keep publishing until stopped (Ctrl-C)."),
            ]
        ) { invocation in
            let options = Options(
                count: invocation.arguments.integer("count") ?? defaultCount,
                interval: .milliseconds(invocation.arguments.integer("interval") ?? 50),
                seed: UInt64(invocation.arguments.integer("seed") ?? Int(defaultSeed)),
                forever: invocation.arguments.flag("forever"))
            return try await run(app: invocation.app, options: options, output: invocation.output)
        }
    }

    /// Runs the scenario and returns the exit status: ``AppCommand/success``, or ``AppCommand/failure`` when the
    /// runtime gave up on a call (the failures are printed on standard error).
    ///
    /// Greetings go to `output`'s standard output, one line each as it arrives; the opening and closing lines go
    /// to its standard error.
    public static func run(app: App = Greeter.app, options: Options = Options(), output: CommandOutput) async throws
        -> Int32
    {
        let runtime = LocalRuntime(app: app)
        defer { runtime.shutDown() }
        runtime.onEgress { [weak runtime] record in
            guard record.topic == "greetings" else { return }
            if let response = try? record.value(as: Example_GreetResponse.self) {
                output.print("\(response.name):\t\(response.greeting)")
            } else {
                output.print("\(record.key ?? "-"):\t\(record.text ?? "<\(record.valueBytes.count) bytes>")")
            }
            runtime?.removeEgressRecords()  // printed: a run with --forever keeps no history
        }
        runtime.onFailure { failure in output.printError("failure: \(failure)") }

        let amount = options.forever ? "GreetRequests" : "\(options.count) GreetRequest\(options.count == 1 ? "" : "s")"
        output.printError(
            "Publishing \(amount) for \(names.joined(separator: ", ")) to topic 'names' on the embedded runtime; "
                + "greetings from topic 'greetings':")
        var generator = NameGenerator(names: names, seed: options.seed)
        var published = 0
        while options.forever || published < options.count {
            if published > 0, options.interval > .zero { try await Task.sleep(for: options.interval) }
            let request = Example_GreetRequest(name: generator.next())
            try runtime.ingest(topic: "names", key: request.name, value: request.serialize())
            published += 1
            // Without pauses, let the runtime catch up now and then: the backlog stays bounded, even with --forever.
            if published % backlogLimit == 0 { await runtime.runUntilIdle() }
        }
        await runtime.runUntilIdle()
        let failures = runtime.failures
        output.printError(
            "\(published) requests, \(failures.isEmpty ? "no" : String(failures.count)) failure(s). "
                + "Next: 'greeter dev' to send your own, 'greeter serve' for a StateFun cluster.")
        return failures.isEmpty ? AppCommand.success : AppCommand.failure
    }
}

extension GreeterDemo {
    /// Picks names at random like the walkthrough's `random.choice(NAMES)`, from a seeded SplitMix64 sequence so a
    /// run can be repeated exactly.
    public struct NameGenerator: Sendable {
        /// The names picked from (never empty).
        public let names: [String]
        private var state: UInt64

        /// A generator over `names` (the demo's cast when empty) starting at `seed`.
        public init(names: [String], seed: UInt64) {
            self.names = names.isEmpty ? GreeterDemo.names : names
            self.state = seed
        }

        /// The next pick.
        public mutating func next() -> String {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return names[Int(z % UInt64(names.count))]
        }
    }
}
