/// Where ``FailurePolicy/deadLetter(_:)`` sends the record of a permanently failed invocation.
public struct DeadLetterTarget: Sendable, Equatable {
    /// How the record is addressed within the egress.
    public enum Destination: Sendable, Equatable {
        /// A Kafka record on this topic, keyed by the address id.
        case kafka(topic: String)
        /// A Kinesis record on this stream, partitioned by the address id.
        case kinesis(stream: String)
        /// A string value, for an egress that is neither.
        case value
    }

    /// The egress id.
    public var egress: TypeName
    /// How the record is addressed.
    public var destination: Destination

    /// Creates a target.
    public init(egress: TypeName, destination: Destination) {
        self.egress = egress
        self.destination = destination
    }

    /// `example/dlq (topic poison)`: for describe and logs.
    public var description: String {
        switch destination {
        case .kafka(let topic): "\(egress) (topic \(topic))"
        case .kinesis(let stream): "\(egress) (stream \(stream))"
        case .value: egress.description
        }
    }
}
