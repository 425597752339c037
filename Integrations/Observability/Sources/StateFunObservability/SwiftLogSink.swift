public import Logging
public import StateFun

/// The SDK's structured log sent to a swift-log `Logger`: each ``LogRecord`` becomes one log call at the same level
/// (the SDK's levels are swift-log's), with the record's message and its fields as `Logger.Metadata` strings.
///
/// Use it as the sink of a ``LoggingInstrumentation`` (``LoggingInstrumentation/init(logger:)`` does both), or as
/// ``ServeConfiguration/logSink`` for the built-in server, so its start, limit-hit and shutdown lines reach the same
/// logger. The level filter is the instrumentation's; the logger's own level applies after it.
public struct SwiftLogSink: LogSink {
    /// The logger that receives the records.
    public let logger: Logger

    /// Sends records to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `record` with its fields as metadata. The record's own time is not passed on: swift-log handlers
    /// stamp entries themselves, and the record is written as it is made.
    public func write(_ record: LogRecord) {
        var metadata = Logger.Metadata()
        for field in record.metadata { metadata[field.key] = .string(field.value) }
        logger.log(level: Logger.Level(record.level), "\(record.message)", metadata: metadata)
    }
}
