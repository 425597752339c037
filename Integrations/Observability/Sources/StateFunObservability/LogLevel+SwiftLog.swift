public import Logging
public import StateFun

// The SDK's log levels are swift-log's seven, by the same names (Docs/Operations.md): the mapping is one to one.

extension Logger.Level {
    /// The swift-log level of the same name.
    public init(_ level: StateFun.LogLevel) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}

extension StateFun.LogLevel {
    /// The SDK's level of the same name.
    public init(_ level: Logger.Level) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
