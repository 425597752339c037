#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension App {
    /// Runs the command the arguments name and exits with its status: the whole `main` of an app's executable.
    ///
    /// ```swift
    /// // Sources/greeter/main.swift
    /// await GreeterApp.app.main()
    /// ```
    ///
    /// Built-in commands: `serve [--host H] [--port P] [--protocol v3|v2]` (validates the app, then serves
    /// it), `module-yaml [--format components|3.0|2.0|1.0] [--endpoint URL]`, `describe [--json | --dot]`,
    /// `validate [--against LOCK]`, `schema [--output LOCK]` (the app's contract, for `validate --against` at the next
    /// deploy), `dev [--host H] [--port P]` (``DevServer``) and the `deploy` group (`deploy kubernetes`,
    /// `deploy compose`, `deploy dockerfile`: files that run the app beside a StateFun runtime). `--help` works
    /// everywhere; `--version` prints ``StateFunSDK/version``. Exit status: 0 success, 1 failure (e.g. validation
    /// errors), 2 wrong arguments.
    ///
    /// - Parameters:
    ///   - arguments: the process's arguments, the program path first.
    ///   - commands: commands of your own, added to the built-in ones (one with a built-in's name replaces it).
    ///   - defaultCommand: what runs without a command, and receives options given without one
    ///     (`greeter --port 9000`); `nil` makes a missing command a usage error.
    public func main(
        arguments: [String] = CommandLine.arguments, commands: [AppCommand] = [], defaultCommand: String? = "serve"
    ) async -> Never {
        let status = await runCommandLine(arguments: arguments, commands: commands, defaultCommand: defaultCommand)
        exit(status)
    }

    /// Runs the command the arguments name and returns its exit status instead of exiting (see
    /// ``main(arguments:commands:defaultCommand:)``); `output` receives everything it writes.
    public func runCommandLine(
        arguments: [String], commands: [AppCommand] = [], defaultCommand: String? = "serve",
        output: CommandOutput = .console
    ) async -> Int32 {
        let programName = arguments.first.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "app"
        var all = AppCommand.builtIns
        for command in commands {
            if let index = all.firstIndex(where: { $0.name == command.name }) {
                all[index] = command
            } else {
                all.append(command)
            }
        }
        let parser = CommandLineParser(programName: programName, commands: all, defaultCommand: defaultCommand)
        switch parser.parse(Array(arguments.dropFirst())) {
        case .help(let text):
            output.write(text)
            return AppCommand.success
        case .usageError(let message):
            output.writeError(message)
            return AppCommand.usageError
        case .run(let name, let parsed):
            guard let command = parser.command(named: name) else { return AppCommand.usageError }
            let invocation = AppCommand.Invocation(app: self, arguments: parsed, output: output, programName: programName)
            do {
                return try await command.run(invocation)
            } catch {
                output.printError("error: \(error)")
                return AppCommand.failure
            }
        }
    }
}
