/// A subcommand of an app's executable, e.g. `serve`, `module-yaml`, or one of your own.
///
/// ``App/main(arguments:commands:defaultCommand:)`` offers the built-in commands (`serve`, `module-yaml`,
/// `describe`, `validate`, `schema`, `dev`) plus the ones you pass; a command of yours with a built-in's name replaces it.
/// Options are declared, so parsing, `--help` and the errors for wrong arguments (exit status 2) are the same
/// for every command:
///
/// ```swift
/// let greet = AppCommand(
///     name: "greet", summary: "Sends one greeting through the app and prints the answer.",
///     options: [.value("name", placeholder: "name", defaultValue: "ann", help: "Whom to greet.")]
/// ) { invocation in
///     invocation.output.print("hello \(invocation.arguments.value("name") ?? "")")
///     return AppCommand.success
/// }
/// await app.main(commands: [greet], defaultCommand: "greet")
/// ```
public struct AppCommand: Sendable {
    /// The exit status of a command that succeeded.
    public static let success: Int32 = 0
    /// The exit status of a command that failed (an invalid app, an error while running).
    public static let failure: Int32 = 1
    /// The exit status for wrong arguments (an unknown command or option, a missing or invalid value).
    public static let usageError: Int32 = 2

    /// One `--name` option of a command.
    public struct Option: Sendable, Hashable {
        /// What the option takes.
        public enum Kind: Sendable, Hashable {
            /// No value: present or not.
            case flag
            /// Any text.
            case value
            /// One of these words.
            case choice([String])
            /// A whole number in this range.
            case integer(ClosedRange<Int>)
        }

        /// The name without dashes: `port` for `--port`.
        public let name: String
        /// What it takes.
        public let kind: Kind
        /// What `--help` shows as the value, e.g. `<port>`.
        public let placeholder: String
        /// The value when the option is not given (`nil`: none).
        public let defaultValue: String?
        /// One line for `--help`.
        public let help: String

        /// A flag: `--json`.
        public static func flag(_ name: String, help: String) -> Option {
            Option(name: name, kind: .flag, placeholder: "", defaultValue: nil, help: help)
        }

        /// An option with free text: `--endpoint <url>`.
        public static func value(_ name: String, placeholder: String, defaultValue: String? = nil, help: String)
            -> Option
        {
            Option(name: name, kind: .value, placeholder: placeholder, defaultValue: defaultValue, help: help)
        }

        /// An option with one of `values`: `--format components|3.0`.
        public static func choice(_ name: String, _ values: [String], defaultValue: String? = nil, help: String)
            -> Option
        {
            Option(
                name: name, kind: .choice(values), placeholder: values.joined(separator: "|"),
                defaultValue: defaultValue, help: help)
        }

        /// An option with a whole number in `range`: `--port <port>`.
        public static func integer(
            _ name: String, placeholder: String, range: ClosedRange<Int>, defaultValue: Int? = nil, help: String
        ) -> Option {
            Option(
                name: name, kind: .integer(range), placeholder: placeholder, defaultValue: defaultValue.map(String.init),
                help: help)
        }
    }

    /// What a running command gets.
    public struct Invocation: Sendable {
        /// The app the executable serves.
        public let app: App
        /// The parsed options.
        public let arguments: CommandArguments
        /// Where to write.
        public let output: CommandOutput
        /// The executable's name, for messages (`greeter`).
        public let programName: String
    }

    /// The word that selects the command: `serve`.
    public let name: String
    /// One line for the command list and the top of `--help`.
    public let summary: String
    /// The options, in the order `--help` lists them.
    public let options: [Option]
    /// Runs the command; returns the exit status. A thrown error is printed and exits with ``failure``.
    public let run: @Sendable (Invocation) async throws -> Int32

    /// Declares a command.
    public init(
        name: String, summary: String, options: [Option] = [],
        run: @escaping @Sendable (Invocation) async throws -> Int32
    ) {
        self.name = name
        self.summary = summary
        self.options = options
        self.run = run
    }
}
