/// When the runtime drops a state value (3.x `ExpirationSpec`; 2.2 `expireAfter` + `expireMode` in module.yaml).
public enum Expiration: Sendable, Hashable, CustomStringConvertible {
    /// The value lives until deleted.
    case none
    /// The value expires when the function has not been called for this long (`AFTER_INVOKE`: any read or
    /// write through a call keeps it alive; Python `expire_after_call`).
    case afterCall(Duration)
    /// The value expires this long after it was last written (`AFTER_WRITE`; Python `expire_after_write`).
    case afterWrite(Duration)

    /// The duration in whole milliseconds, truncated as the Python SDK truncates (`int(seconds * 1000)`).
    public var milliseconds: Int64 {
        switch self {
        case .none: 0
        case .afterCall(let d), .afterWrite(let d): d.statefunMilliseconds
        }
    }

    /// A readable form, for logs and error messages.
    public var description: String {
        switch self {
        case .none: "none"
        case .afterCall(let d): "after call \(d)"
        case .afterWrite(let d): "after write \(d)"
        }
    }
}

extension Duration {
    /// Whole milliseconds, truncated toward zero (saturating at the `Int64` bounds).
    package var statefunMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = ms.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }
}
