/// How important a log event is, least to most (the levels of swift-log, so a bridge maps one to one).
public enum LogLevel: String, Sendable, CaseIterable, Comparable {
    /// Fine-grained detail.
    case trace
    /// What helps while debugging: the missing-state handshake, dead-lettered invocations' details.
    case debug
    /// Normal operation: start, shutdown.
    case info
    /// Normal but significant.
    case notice
    /// Something is wrong but the server goes on: a limit hit, a dead-lettered or discarded invocation.
    case warning
    /// A batch failed.
    case error
    /// The server cannot go on.
    case critical

    /// Orders by importance.
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rank < b.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Reads a level name (`debug`, `INFO`, `warn`…); `nil` for anything else.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if lowered == "warn" {
            self = .warning
            return
        }
        guard let level = LogLevel(rawValue: lowered) else { return nil }
        self = level
    }
}
