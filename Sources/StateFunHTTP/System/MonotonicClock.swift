#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds from CLOCK_MONOTONIC: cheap (vDSO) and immune to wall-clock changes, for
/// the event loops' timeouts and the SDK's batch durations (plain integers: no `Duration` arithmetic, whose
/// 128-bit multiplications showed in the metrics' profile).
package enum MonotonicClock {
    /// The current monotonic time in nanoseconds.
    package static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// `duration` in nanoseconds, clamped to zero and to UInt64's range.
    package static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return UInt64.max }
        return whole &+ UInt64(attoseconds / 1_000_000_000)
    }
}
