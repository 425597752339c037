/// A sink made of a closure.
public struct ClosureLogSink: LogSink {
    private let body: @Sendable (LogRecord) -> Void

    /// Sends every record to `body`.
    public init(_ body: @escaping @Sendable (LogRecord) -> Void) {
        self.body = body
    }

    /// Calls the closure.
    public func write(_ record: LogRecord) { body(record) }
}
