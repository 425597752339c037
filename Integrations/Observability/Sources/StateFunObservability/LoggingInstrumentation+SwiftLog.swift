public import Logging
public import StateFun

extension LoggingInstrumentation {
    /// The SDK's structured log written to `logger`, at the logger's level: failed batches, dead-lettered and
    /// discarded invocations, the missing-state handshake and the server's events (Docs/Operations.md), each with
    /// its fields (`function`, `id`, `error`, …) as metadata.
    public init(logger: Logger) {
        self.init(level: StateFun.LogLevel(logger.logLevel), sink: SwiftLogSink(logger: logger))
    }
}
