/// One event of the structured log: a level, a short stable message and ordered key-value metadata.
public struct LogRecord: Sendable, Equatable {
    /// How important it is.
    public var level: LogLevel
    /// A short, stable message naming the event, e.g. `batch failed` (Docs/Operations.md lists them).
    public var message: String
    /// The event's fields in a fixed order, e.g. `function`, `id`, `error`.
    public var metadata: [Field]
    /// When it happened, in seconds since 1970-01-01 UTC.
    public var time: Double

    /// One key and its value.
    public struct Field: Sendable, Equatable {
        /// The key: lowercase words joined by `_`.
        public var key: String
        /// The value, as text.
        public var value: String

        /// Creates a field.
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Creates a record.
    public init(level: LogLevel, message: String, metadata: [Field] = [], time: Double) {
        self.level = level
        self.message = message
        self.metadata = metadata
        self.time = time
    }

    /// The value of the first field named `key`.
    public subscript(key: String) -> String? { metadata.first { $0.key == key }?.value }
}
