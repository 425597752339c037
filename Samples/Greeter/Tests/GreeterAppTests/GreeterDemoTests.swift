// The demo `greeter` runs without arguments: generated names through the Kafka ingress route, greetings printed
// as they come out of the embedded runtime.

import GreeterApp
import StateFun
import Synchronization
import Testing

@Suite struct GreeterDemoTests {
    /// Captures what a run writes, line by line.
    final class Lines: Sendable {
        private let storage = Mutex<(out: String, err: String)>(("", ""))
        var out: [String] { storage.withLock { $0.out.split(separator: "\n").map(String.init) } }
        var err: String { storage.withLock { $0.err } }
        var output: CommandOutput {
            CommandOutput(
                standardOutput: { text in self.storage.withLock { $0.out += text } },
                standardError: { text in self.storage.withLock { $0.err += text } })
        }
    }

    @Test func aDefaultRunShowsEveryTemplateOfTheWalkthrough() async throws {
        let lines = Lines()
        let status = try await GreeterDemo.run(options: .init(interval: .zero), output: lines.output)
        #expect(status == AppCommand.success)
        let printed = lines.out
        #expect(printed.count == GreeterDemo.defaultCount, "one greeting per request")
        #expect(printed.contains { $0.contains(":\tWelcome ") })
        #expect(printed.contains { $0.contains(":\tNice to see you again ") })
        #expect(printed.contains { $0.contains(":\tThird time is a charm ") })
        #expect(printed.contains { $0.contains(":\tNice to see you at the 4-nth time ") && $0.hasSuffix("!") })
        #expect(lines.err.contains("Publishing 20 GreetRequests"))
        #expect(lines.err.contains("20 requests, no failure(s)"))
    }

    @Test func eachNameIsCountedOnItsOwnInOrder() async throws {
        let lines = Lines()
        _ = try await GreeterDemo.run(options: .init(count: 40, interval: .zero, seed: 7), output: lines.output)
        var seen: [String: Int64] = [:]
        for line in lines.out {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            try #require(parts.count == 2)
            let name = String(parts[0].dropLast())  // "Jerry:" → "Jerry"
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            #expect(parts[1] == Greeter.greeting(for: name, seen: count), "\(line)")
        }
        #expect(seen.values.reduce(0, +) == 40)
        #expect(Set(seen.keys).isSubset(of: Set(GreeterDemo.names)))
    }

    @Test func theSeedDecidesTheNames() {
        var a = GreeterDemo.NameGenerator(names: GreeterDemo.names, seed: 1)
        var b = GreeterDemo.NameGenerator(names: GreeterDemo.names, seed: 1)
        var c = GreeterDemo.NameGenerator(names: GreeterDemo.names, seed: 2)
        let first = (0..<30).map { _ in a.next() }
        #expect(first == (0..<30).map { _ in b.next() })
        #expect(first != (0..<30).map { _ in c.next() })
        #expect(Set(first).count > 3, "a handful of names, not one")
        var empty = GreeterDemo.NameGenerator(names: [], seed: 1)
        #expect(GreeterDemo.names.contains(empty.next()))
    }

    @Test func demoIsTheDefaultCommandAndTheOthersStay() async {
        let lines = Lines()
        let help = await Greeter.app.runCommandLine(
            arguments: ["greeter", "--help"], commands: GreeterDemo.commands, defaultCommand: "demo",
            output: lines.output)
        #expect(help == AppCommand.success)
        let text = lines.out.joined(separator: "\n")
        for command in ["serve", "module-yaml", "describe", "validate", "dev"] {
            #expect(text.contains("  \(command) "), "\(command) is listed")
        }
        #expect(text.contains("(default)") && text.contains("  demo "))

        let run = Lines()
        let status = await Greeter.app.runCommandLine(
            arguments: ["greeter", "--count", "3", "--interval", "0"], commands: GreeterDemo.commands,
            defaultCommand: "demo", output: run.output)
        #expect(status == AppCommand.success)
        #expect(run.out.count == 3, "options without a command go to the demo")

        let bad = Lines()
        let usage = await Greeter.app.runCommandLine(
            arguments: ["greeter", "demo", "--count", "0"], commands: GreeterDemo.commands, defaultCommand: "demo",
            output: bad.output)
        #expect(usage == AppCommand.usageError)
    }
}
