/// Where structured log records go: the seam an app uses to send the SDK's events elsewhere (swift-log, a
/// collector, a test's array). ``StructuredLogWriter`` is the built-in one (stderr, logfmt or JSON).
public protocol LogSink: Sendable {
    /// Takes one record. Called from many tasks at once; must not block for long.
    func write(_ record: LogRecord)
}
