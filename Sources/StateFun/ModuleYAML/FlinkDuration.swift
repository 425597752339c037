/// Durations as module.yaml writes them, in the one form every runtime version reads.
///
/// The runtime parses durations with Flink's `TimeUtils.parseDuration` (`protocol.md` §5): digits, an optional
/// unit label, no sign, no fraction, no compound values. The labels `ms`, `s`, `min`, `h` and `d` are read by
/// every Flink version StateFun ever shipped with; `m` for minutes only by recent ones (FLINK-24886), so it is
/// never written. A duration is written in the largest of those units that divides it exactly: 2 minutes is
/// `2min`, 100 seconds `100s`, 1.5 seconds `1500ms`. Module.yaml cannot express less than a millisecond; the
/// rest is dropped (and ``App/validate()`` warns).
package enum FlinkDuration {
    /// Why a duration cannot be written as given.
    package enum Problem: Sendable, Equatable {
        case negative
        case zero
        /// More milliseconds than an `Int64` holds.
        case tooLarge
        /// Less-than-a-millisecond precision that module.yaml drops; the duration is written as this many ms.
        case subMillisecond(writtenAs: Int64)
    }

    private static let units: [(label: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1000),
    ]

    /// Whole milliseconds, truncated, never negative (a negative duration is reported by validation and written
    /// as zero).
    package static func milliseconds(_ duration: Duration) -> Int64 {
        max(0, duration.statefunMilliseconds)
    }

    /// The module.yaml text of `duration`: an integer and one of `d`, `h`, `min`, `s`, `ms`.
    package static func text(_ duration: Duration) -> String {
        text(milliseconds: milliseconds(duration))
    }

    /// The module.yaml text of a number of milliseconds.
    package static func text(milliseconds ms: Int64) -> String {
        guard ms > 0 else { return "0ms" }
        for unit in units where ms % unit.milliseconds == 0 { return "\(ms / unit.milliseconds)\(unit.label)" }
        return "\(ms)ms"
    }

    /// What is wrong with `duration` for a setting that must be positive (or may be zero, when `allowZero`).
    package static func problems(_ duration: Duration, allowZero: Bool = false) -> [Problem] {
        let (seconds, attoseconds) = duration.components
        if duration < .zero { return [.negative] }
        if seconds > Int64.max / 1000 - 1 { return [.tooLarge] }
        let ms = duration.statefunMilliseconds
        var problems: [Problem] = []
        if attoseconds % 1_000_000_000_000_000 != 0 { problems.append(.subMillisecond(writtenAs: ms)) }
        if ms == 0 && !allowZero { problems.append(.zero) }
        return problems
    }
}
