// The executable entry point: parsing (results, usage errors, help), exit statuses and output of the built-in
// commands, user commands and the default command. Everything runs through runCommandLine with captured output.

import StateFun
import Synchronization
import Testing

/// Collects what a command writes.
final class CapturedOutput: Sendable {
    private let out = Mutex("")
    private let err = Mutex("")

    var output: CommandOutput {
        CommandOutput(
            standardOutput: { text in self.out.withLock { $0 += text } },
            standardError: { text in self.err.withLock { $0 += text } })
    }

    var standardOutput: String { out.withLock { $0 } }
    var standardError: String { err.withLock { $0 } }
}

@Suite struct CommandLineTests {
    func run(
        _ app: App, _ arguments: [String], commands: [AppCommand] = [], defaultCommand: String? = "serve"
    ) async -> (status: Int32, out: String, err: String) {
        let captured = CapturedOutput()
        let status = await app.runCommandLine(
            arguments: ["/usr/local/bin/greeter"] + arguments, commands: commands, defaultCommand: defaultCommand,
            output: captured.output)
        return (status, captured.standardOutput, captured.standardError)
    }

    // MARK: - Parsing

    static let sample = AppCommand(
        name: "sample", summary: "A command with every kind of option.",
        options: [
            .flag("json", help: "A flag."),
            .value("endpoint", placeholder: "<url>", help: "Free text."),
            .choice("format", ["a", "b"], defaultValue: "a", help: "A choice."),
            .integer("port", placeholder: "<port>", range: 1...9, help: "A number."),
        ]
    ) { _ in AppCommand.success }

    func parse(_ arguments: [String]) -> CommandLineParser.Outcome {
        CommandLineParser(programName: "greeter", commands: [Self.sample], defaultCommand: "sample").parse(arguments)
    }

    @Test func parsesEveryKindOfOption() {
        let outcome = parse(["sample", "--json", "--endpoint", "http://x:1/", "--format=b", "--port", "7"])
        #expect(
            outcome == .run(
                command: "sample",
                arguments: CommandArguments(
                    values: ["endpoint": "http://x:1/", "format": "b", "port": "7"], flags: ["json"])))
    }

    @Test func fillsDefaultsAndRunsTheDefaultCommand() {
        #expect(parse([]) == .run(command: "sample", arguments: CommandArguments(values: ["format": "a"])))
        #expect(parse(["--port", "3"]) == .run(command: "sample", arguments: CommandArguments(values: ["format": "a", "port": "3"])))
    }

    static let usageErrors: [([String], String)] = [
        (["nope"], "error: unknown command 'nope' (commands: sample)"),
        (["sample", "--bogus"], "error: unknown option '--bogus' for 'sample'"),
        (["sample", "--endpoint"], "error: '--endpoint' needs a value (<url>)"),
        (["sample", "--format", "c"], "error: 'c' is not a valid value for '--format' (expected a, b)"),
        (["sample", "--port", "10"], "error: '10' is not a valid value for '--port' (expected a whole number from 1 to 9)"),
        (["sample", "--port", "x"], "error: 'x' is not a valid value for '--port'"),
        (["sample", "--json=yes"], "error: '--json' takes no value"),
        (["sample", "--json", "--json"], "error: '--json' is given more than once"),
        (["sample", "extra"], "error: 'sample' takes no arguments ('extra')"),
        (["sample", "--", "extra"], "error: 'sample' takes no arguments ('extra')"),
        (["help", "nope"], "error: unknown command 'nope'"),
    ]

    @Test(arguments: usageErrors)
    func reportsUsageErrors(arguments: [String], message: String) {
        guard case .usageError(let text) = parse(arguments) else {
            Issue.record("expected a usage error for \(arguments)")
            return
        }
        #expect(text.hasPrefix(message), "\(text)")
    }

    @Test func helpIsAvailableEverywhere() {
        for arguments in [["--help"], ["-h"], ["help"]] {
            guard case .help(let text) = parse(arguments) else {
                Issue.record("no help for \(arguments)")
                continue
            }
            #expect(text.hasPrefix("USAGE: greeter <command> [options]\n"))
            #expect(text.contains("  sample  A command with every kind of option. (default)\n"))
        }
        let expected = """
            USAGE: greeter sample [--json] [--endpoint <url>] [--format a|b] [--port <port>]

            A command with every kind of option.

            OPTIONS:
              --json            A flag.
              --endpoint <url>  Free text.
              --format a|b      A choice. (default: a)
              --port <port>     A number.
              -h, --help        Show this help.

            """
        for arguments in [["sample", "--help"], ["sample", "--port", "3", "-h"], ["help", "sample"]] {
            #expect(parse(arguments) == .help(expected), "\(arguments)")
        }
    }

    @Test func noCommandWithoutDefaultIsAUsageError() {
        let parser = CommandLineParser(programName: "greeter", commands: [Self.sample], defaultCommand: nil)
        guard case .usageError(let text) = parser.parse([]) else {
            Issue.record("expected a usage error")
            return
        }
        #expect(text.hasPrefix("error: no command given\n"))
        guard case .usageError(let option) = parser.parse(["--json"]) else {
            Issue.record("expected a usage error")
            return
        }
        #expect(option.hasPrefix("error: '--json' is not a command"))
    }

    // MARK: - Built-in commands

    @Test func moduleYAMLPrintsTheRequestedFormat() async {
        let result = await run(ExampleApps.shop, ["module-yaml", "--format", "2.0", "--endpoint", "http://f:1/s"])
        #expect(result.status == 0)
        #expect(result.out == ExampleApps.shop.moduleYAML(format: .v2_0, endpoint: "http://f:1/s"))
        let plain = await run(ExampleApps.shop, ["module-yaml"])
        #expect(plain.out == ExampleApps.shop.moduleYAML())
    }

    @Test func moduleYAMLRefusesAnAppWithErrors() async {
        let app = App { Function("bad") { Otherwise { _, _ in } } }
        let result = await run(app, ["module-yaml"])
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("error: function bad: the function type 'bad' is invalid"))
    }

    @Test func moduleYAMLWarnsWhenTheFormatDropsTheForksForwardHeaders() async {
        let app = ForkModuleYAMLTests.app
        let dropped = await run(app, ["module-yaml", "--format", "2.0"])
        #expect(dropped.status == 0)
        #expect(dropped.err.contains("warning: format 2.0: kafka ingress example/orders sets forwardHeaders"))
        #expect(dropped.err.contains("[format-drops-setting]"))
        let kept = await run(app, ["module-yaml"])
        #expect(!kept.err.contains("format-drops-setting"))
        #expect(kept.out.contains("forwardHeaders: true"))
    }

    @Test func moduleYAMLPrintsWarningsToStandardError() async {
        let result = await run(ExampleApps.bare, ["module-yaml", "--format=1.0"])
        #expect(result.status == 0)
        #expect(result.err == "warning: app: no Endpoint is declared; module.yaml serves every function at "
            + "http://localhost:8000/statefun [no-endpoints]\n")
        #expect(result.out == ExampleApps.bare.moduleYAML(format: .v1_0))
    }

    @Test func describePrintsTextOrJSON() async {
        let text = await run(ExampleApps.shop, ["describe"])
        #expect(text.status == 0 && text.out == ExampleApps.shop.describe())
        let json = await run(ExampleApps.shop, ["describe", "--json"])
        #expect(json.status == 0 && json.out == ExampleApps.shop.describeJSON())
    }

    @Test func validateExitsWithOneOnErrors() async {
        let clean = await run(ExampleApps.shop, ["validate"])
        #expect(clean.status == 0)
        #expect(clean.out == "no problems found\n")
        let bad = App {
            Function("bad") { Otherwise { _, _ in } }
            Function("a/f") { Otherwise { _, _ in } }
        }
        let result = await run(bad, ["validate"])
        #expect(result.status == 1)
        #expect(
            result.out == """
                error: function bad: the function type 'bad' is invalid: a typename must have the form <namespace>/<name> [invalid-typename]
                warning: app: no Endpoint is declared; module.yaml serves every function at http://localhost:8000/statefun [no-endpoints]
                1 error, 1 warning

                """)
    }

    @Test func serveRefusesAnAppWithErrors() async {
        let bad = App { Function("bad") { Otherwise { _, _ in } } }
        let result = await run(bad, ["serve", "--port", "0"])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("the app has 1 error:\n"))
        #expect(result.err.hasSuffix("error: not serving an app with errors (run 'greeter validate')\n"))
    }

    @Test func wrongArgumentsExitWithTwo() async {
        let unknown = await run(ExampleApps.shop, ["frobnicate"])
        #expect(unknown.status == 2 && unknown.out.isEmpty)
        #expect(unknown.err.hasPrefix("error: unknown command 'frobnicate'"))
        let badFormat = await run(ExampleApps.shop, ["module-yaml", "--format", "4.0"])
        #expect(badFormat.status == 2)
        #expect(badFormat.err.contains("(expected components, 3.0, 2.0, 1.0)"))
        #expect(badFormat.err.hasSuffix("Run 'greeter module-yaml --help' for its options.\n"))
        let badPort = await run(ExampleApps.shop, ["serve", "--port", "70000"])
        #expect(badPort.status == 2)
        let badProtocol = await run(ExampleApps.shop, ["serve", "--protocol", "v4"])
        #expect(badProtocol.status == 2)
    }

    @Test func helpListsBuiltInCommandsAndExitsZero() async {
        let result = await run(ExampleApps.shop, ["--help"])
        #expect(result.status == 0 && result.err.isEmpty)
        for name in ["serve", "module-yaml", "describe", "validate"] {
            #expect(result.out.contains("\n  \(name) "), "\(name)")
        }
        #expect(result.out.contains("(default)"))
        let serveHelp = await run(ExampleApps.shop, ["serve", "--help"])
        #expect(
            serveHelp.out.hasPrefix(
                "USAGE: greeter serve [--host <host>] [--port <port>] [--protocol v3|v2] [--log-format logfmt|json] "
                    + "[--log-level <level>]\n"))
        #expect(serveHelp.out.contains("(default: 8000)"))
    }

    // MARK: - User commands

    @Test func userCommandsRunAndCanBeTheDefault() async {
        let greet = AppCommand(
            name: "greet", summary: "Greets.",
            options: [.value("name", placeholder: "<name>", defaultValue: "ann", help: "Whom to greet.")]
        ) { invocation in
            invocation.output.print("hello \(invocation.arguments.value("name") ?? "") from \(invocation.programName)")
            return 3
        }
        let byDefault = await run(ExampleApps.shop, [], commands: [greet], defaultCommand: "greet")
        #expect(byDefault.status == 3 && byDefault.out == "hello ann from greeter\n")
        let named = await run(ExampleApps.shop, ["greet", "--name", "bob"], commands: [greet], defaultCommand: "greet")
        #expect(named.out == "hello bob from greeter\n")
        let help = await run(ExampleApps.shop, ["--help"], commands: [greet], defaultCommand: "greet")
        #expect(help.out.contains("  greet        Greets. (default)\n"))
    }

    @Test func userCommandReplacesABuiltInOfTheSameName() async {
        let describe = AppCommand(name: "describe", summary: "Mine.") { invocation in
            invocation.output.print("custom")
            return AppCommand.success
        }
        let result = await run(ExampleApps.shop, ["describe"], commands: [describe])
        #expect(result.out == "custom\n")
    }

    @Test func aThrowingCommandExitsWithOne() async {
        let failing = AppCommand(name: "fail", summary: "Fails.") { _ in
            throw StateFunError.invalidArgument("it went wrong")
        }
        let result = await run(ExampleApps.shop, ["fail"], commands: [failing])
        #expect(result.status == 1)
        #expect(result.err == "error: it went wrong\n")
    }
}
