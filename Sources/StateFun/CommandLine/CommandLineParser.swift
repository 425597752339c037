/// Parses an app executable's arguments: `<program> [<command>] [--option value | --option=value | --flag]...`.
///
/// `-h`/`--help` (anywhere) and `help [<command>]` print help; `--version` (first) prints the SDK's version; no
/// command runs the default one; arguments that start with `-` before any command go to the default command
/// (`greeter --port 9000`); `--` ends the options. A command whose name is two words (`deploy kubernetes`) is
/// selected by both; the first word alone lists the group's commands.
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
        if first == "--version" { return .help("swift-statefun \(StateFunSDK.version)\n") }
        if first == "help" {
            guard arguments.count > 1 else { return .help(topLevelHelp()) }
            let name = arguments.dropFirst().joined(separator: " ")
            if let command = command(named: name) { return .help(help(for: command)) }
            if arguments.count == 2, !group(arguments[1]).isEmpty { return .help(groupHelp(arguments[1])) }
            return .usageError(unknownCommand(name))
        }
        if first.hasPrefix("-") {
            guard let defaultCommand, let command = command(named: defaultCommand) else {
                return .usageError(
                    "error: '\(first)' is not a command\nRun '\(programName) --help' for the list of commands.\n")
            }
            return parseOptions(arguments[...], for: command)
        }
        if let command = command(named: first) { return parseOptions(arguments.dropFirst(), for: command) }
        let members = group(first)
        guard !members.isEmpty else { return .usageError(unknownCommand(first)) }
        guard arguments.count > 1, !arguments[1].hasPrefix("-") else {
            if arguments.count > 1, arguments[1] == "-h" || arguments[1] == "--help" { return .help(groupHelp(first)) }
            let words = members.map { String($0.name.dropFirst(first.count + 1)) }
            return .usageError("error: '\(first)' needs one of: \(words.joined(separator: ", "))\n"
                + "Run '\(programName) \(first) --help' for the list.\n")
        }
        guard let command = command(named: first + " " + arguments[1]) else {
            return .usageError(unknownCommand(first + " " + arguments[1]))
        }
        return parseOptions(arguments.dropFirst(2), for: command)
    }

    /// The commands named `word <something>`.
    package func group(_ word: String) -> [AppCommand] {
        commands.filter { $0.name.hasPrefix(word + " ") }
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
        // A group (`deploy kubernetes`, `deploy compose`) is one line here; `<program> deploy --help` lists it.
        var rows: [(name: String, summary: String)] = []
        for command in commands {
            guard let space = command.name.firstIndex(of: " ") else {
                let marker = command.name == defaultCommand ? " (default)" : ""
                rows.append((command.name, command.summary + marker))
                continue
            }
            let word = String(command.name[..<space])
            if rows.contains(where: { $0.name == word }) { continue }
            let members = group(word).map { String($0.name.dropFirst(word.count + 1)) }
            rows.append((word, members.joined(separator: ", ") + " (run '\(programName) \(word) --help')"))
        }
        let width = (rows.map(\.name.count).max() ?? 0) + 2
        var text = "USAGE: \(programName) <command> [options]\n\nCOMMANDS:\n"
        for row in rows { text += "  " + row.name.padded(to: width) + row.summary + "\n" }
        text += "\nRun '\(programName) <command> --help' for a command's options, "
            + "'\(programName) --version' for the SDK's version.\n"
        return text
    }

    /// The commands of a group (`deploy`), for `<program> deploy --help`.
    package func groupHelp(_ word: String) -> String {
        let members = group(word)
        let width = (members.map(\.name.count).max() ?? 0) + 2
        var text = "USAGE: \(programName) \(word) <command> [options]\n\nCOMMANDS:\n"
        for command in members { text += "  " + command.name.padded(to: width) + command.summary + "\n" }
        text += "\nRun '\(programName) \(word) <command> --help' for a command's options.\n"
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
