/// The options a command was given, already checked against its ``AppCommand/Option`` declarations (so a
/// choice is one of its words and an integer is in its range), with defaults filled in.
public struct CommandArguments: Sendable, Equatable {
    package var values: [String: String]
    package var flags: Set<String>

    package init(values: [String: String] = [:], flags: Set<String> = []) {
        self.values = values
        self.flags = flags
    }

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name`, or its default, or `nil`.
    public func value(_ name: String) -> String? { values[name] }

    /// The value of the integer option `--name`, or its default, or `nil`.
    public func integer(_ name: String) -> Int? { values[name].flatMap { Int($0) } }
}
