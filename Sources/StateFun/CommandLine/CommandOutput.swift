import StateFunHTTP

/// Where a command writes: standard output for its result (YAML, JSON, descriptions), standard error for
/// diagnostics and errors. Tests pass their own closures to capture both.
public struct CommandOutput: Sendable {
    private let out: @Sendable (String) -> Void
    private let err: @Sendable (String) -> Void

    /// Writes through the given closures; each receives text exactly as written (lines end in `\n`).
    public init(
        standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void
    ) {
        self.out = standardOutput
        self.err = standardError
    }

    /// The process's standard output and standard error, unbuffered.
    public static let console = CommandOutput(
        standardOutput: { writeAll($0, to: 1) }, standardError: { writeAll($0, to: 2) })

    /// Writes `text` to standard output as it is.
    public func write(_ text: String) { out(text) }

    /// Writes `line` and a line break to standard output.
    public func print(_ line: String) { out(line + "\n") }

    /// Writes `text` to standard error as it is.
    public func writeError(_ text: String) { err(text) }

    /// Writes `line` and a line break to standard error.
    public func printError(_ line: String) { err(line + "\n") }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        BoundedFile.writeAll(Array(text.utf8), to: descriptor)
    }
}
