/// A partition of a Kafka topic, for ``KafkaIngress/StartupPosition/specificOffsets(_:)``.
///
/// Written `"topic/partition"` in module.yaml (the runtime's `KafkaTopicPartition.fromString`); a string
/// literal in that form works too: `["names/0": 42]`. A literal that is not `topic/partition` is kept and
/// reported by ``App/validate()``.
public struct KafkaTopicPartition: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The topic.
    public let topic: String
    /// The partition number, or `nil` when a literal did not end in `/<number>`.
    public let partition: Int32?

    /// The partition `partition` of `topic`.
    public init(_ topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// Parses `"topic/partition"` (split at the last `/`).
    public init(stringLiteral value: String) {
        if let slash = value.lastIndex(of: "/"), let number = Int32(value[value.index(after: slash)...]),
            number >= 0
        {
            topic = String(value[..<slash])
            partition = number
        } else {
            topic = value
            partition = nil
        }
    }

    /// `topic/partition`, as module.yaml writes it.
    public var description: String { partition.map { "\(topic)/\($0)" } ?? topic }

    /// Orders by the text form.
    public static func < (lhs: KafkaTopicPartition, rhs: KafkaTopicPartition) -> Bool {
        if lhs.topic != rhs.topic { return lhs.topic < rhs.topic }
        return (lhs.partition ?? -1) < (rhs.partition ?? -1)
    }
}
