/// One entry of a message's metadata, or one header of a Kafka egress record: a key and a value that may be
/// null.
///
/// Metadata is the maintained community fork's protocol extension (kzmlabs/flink-statefun, `TypedValue.metadata
/// = 4`, repeated `Metadata{key = 1, value = 2, has_value = 3}`): its runtime fills it with the Kafka record
/// headers of an ingress declared with `forwardHeaders` (``KafkaIngress``), and carries what a function sends
/// with a message on to the receiver. Keys may repeat and order is kept, as in Kafka. Upstream's runtimes
/// (StateFun 3.x, 2.x) neither send nor keep it: there, messages have no metadata.
///
/// ```swift
/// Otherwise { context, message in
///     for entry in message.metadata { print(entry.key, entry.utf8Value ?? "null") }
/// }
/// ```
public struct MetadataEntry: Sendable, Hashable, CustomStringConvertible {
    /// The key (a Kafka header's name). Not unique: a message may carry several entries with one key.
    public let key: String
    /// The value bytes, or `nil` for a null value (Kafka allows a header without value; on the wire,
    /// `has_value = false`). An empty array is an empty value, not a null one.
    public let value: [UInt8]?

    /// An entry with raw value bytes; `nil` is a null value.
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// An entry whose value is `text` in UTF-8 (a Kafka header written as a string).
    public init(key: String, utf8 text: String) {
        self.init(key: key, value: Array(text.utf8))
    }

    /// The value as UTF-8 text; `nil` for a null value or bytes that are not valid UTF-8.
    public var utf8Value: String? {
        guard let value else { return nil }
        return String(validating: value, as: UTF8.self)
    }

    /// The key W3C Trace Context gives the `traceparent` header, the entry a tracing bridge reads and writes.
    public static let traceparentKey = "traceparent"

    /// A `traceparent` entry (W3C Trace Context), to carry a span's context on a message or a Kafka record.
    public static func traceparent(_ value: String) -> MetadataEntry {
        MetadataEntry(key: traceparentKey, utf8: value)
    }

    /// A readable form, for logs: the key and the value's size (values may hold anything, so they are not shown).
    public var description: String {
        "\(key)=\(value.map { "\($0.count) bytes" } ?? "null")"
    }
}
