/// Parses an app executable's arguments: `<program> [<command>] [--option value | --option=value | --flag]...`.
///
/// `-h`/`--help` (anywhere) and `help [<command>]` print help; no command runs the default one; arguments that
/// start with `-` before any command go to the default command (`greeter --port 9000`); `--` ends the options.
/// Everything else that does not fit the declarations is a usage error (exit status 2) whose message names the
/// offending argument.
package struct CommandLineParser: Sendable {
    package enum Outcome: Sendable, Equatable {
        /// Run `command` with `arguments`.
        case run(command: String, arguments: CommandArguments)
        /// Print this help text to standard output and exit 0.
        case help(String)
        /// Print this message to standard error and exit 2.
        case usageError(String)
    }

    package let programName: String
    package let commands: [AppCommand]
    package let defaultCommand: String?

    package init(programName: String, commands: [AppCommand], defaultCommand: String?) {
        self.programName = programName
        self.commands = commands
        self.defaultCommand = defaultCommand
    }

    package func command(named name: String) -> AppCommand? { commands.first { $0.name == name } }

    /// Parses the arguments after the program path.
    package func parse(_ arguments: [String]) -> Outcome {
        guard let first = arguments.first else {
            guard let defaultCommand, let command = command(named: defaultCommand) else {
                return .usageError("error: no command given\n\n" + topLevelHelp())
            }
            return parseOptions([], for: command)
        }
        if first == "-h" || first == "--help" { return .help(topLevelHelp()) }
        if first == "help" {
            guard arguments.count > 1 else { return .help(topLevelHelp()) }
            guard arguments.count == 2, let command = command(named: arguments[1]) else {
                return .usageError(unknownCommand(arguments[1]))
            }
            return .help(help(for: command))
        }
        if first.hasPrefix("-") {
            guard let defaultCommand, let command = command(named: defaultCommand) else {
                return .usageError(
                    "error: '\(first)' is not a command\nRun '\(programName) --help' for the list of commands.\n")
            }
            return parseOptions(arguments[...], for: command)
        }
        guard let command = command(named: first) else { return .usageError(unknownCommand(first)) }
        return parseOptions(arguments.dropFirst(), for: command)
    }

    private func unknownCommand(_ name: String) -> String {
        let names = commands.map(\.name).joined(separator: ", ")
        return "error: unknown command '\(name)' (commands: \(names))\n"
            + "Run '\(programName) --help' for the list of commands.\n"
    }

    /// Parses a command's options.
    package func parseOptions(_ arguments: ArraySlice<String>, for command: AppCommand) -> Outcome {
        var parsed = CommandArguments()
        var given: Set<String> = []
        var index = arguments.startIndex
        func usage(_ message: String) -> Outcome {
            .usageError("error: \(message)\nRun '\(programName) \(command.name) --help' for its options.\n")
        }
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "-h" || argument == "--help" { return .help(help(for: command)) }
            if argument == "--" {
                if index < arguments.endIndex { return usage("'\(command.name)' takes no arguments ('\(arguments[index])')") }
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                return usage("'\(command.name)' takes no arguments ('\(argument)')")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = command.options.first(where: { $0.name == name }) else {
                return usage("unknown option '--\(name)' for '\(command.name)'")
            }
            guard given.insert(name).inserted else { return usage("'--\(name)' is given more than once") }
            if option.kind == .flag {
                if inlineValue != nil { return usage("'--\(name)' takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.endIndex else { return usage("'--\(name)' needs a value (\(option.placeholder))") }
                value = arguments[index]
                index += 1
            }
            if let problem = Self.check(value, against: option) { return usage(problem) }
            parsed.values[name] = value
        }
        for option in command.options where parsed.values[option.name] == nil {
            if let defaultValue = option.defaultValue { parsed.values[option.name] = defaultValue }
        }
        return .run(command: command.name, arguments: parsed)
    }

    private static func check(_ value: String, against option: AppCommand.Option) -> String? {
        switch option.kind {
        case .flag, .value:
            return nil
        case .choice(let words):
            if words.contains(value) { return nil }
            return "'\(value)' is not a valid value for '--\(option.name)' (expected \(words.joined(separator: ", ")))"
        case .integer(let range):
            if let number = Int(value), range.contains(number) { return nil }
            return "'\(value)' is not a valid value for '--\(option.name)' (expected a whole number from "
                + "\(range.lowerBound) to \(range.upperBound))"
        }
    }

    // MARK: - Help

    package func topLevelHelp() -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var text = "USAGE: \(programName) <command> [options]\n\nCOMMANDS:\n"
        for command in commands {
            let marker = command.name == defaultCommand ? " (default)" : ""
            text += "  " + command.name.padded(to: width) + command.summary + marker + "\n"
        }
        text += "\nRun '\(programName) <command> --help' for a command's options.\n"
        return text
    }

    package func help(for command: AppCommand) -> String {
        var usage = "USAGE: \(programName) \(command.name)"
        for option in command.options {
            usage += option.kind == .flag ? " [--\(option.name)]" : " [--\(option.name) \(option.placeholder)]"
        }
        var rows: [(String, String)] = command.options.map { option in
            let left = option.kind == .flag ? "--\(option.name)" : "--\(option.name) \(option.placeholder)"
            let right = option.defaultValue.map { "\(option.help) (default: \($0))" } ?? option.help
            return (left, right)
        }
        rows.append(("-h, --help", "Show this help."))
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        var text = usage + "\n\n" + command.summary + "\n\nOPTIONS:\n"
        for (left, right) in rows { text += "  " + left.padded(to: width) + right + "\n" }
        return text
    }
}

extension String {
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
