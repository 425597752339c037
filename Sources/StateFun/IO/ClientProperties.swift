/// Extra client properties of a Kafka or Kinesis ingress or egress, in order (module.yaml writes them as a list
/// of single-key maps, `protocol.md` §5.4; a key given twice is reported by ``App/validate()``).
///
/// Write them as a dictionary literal, which keeps its order, as a list of pairs, or from any sequence:
///
/// ```swift
/// properties: ["isolation.level": "read_committed"]
/// properties: [("isolation.level", "read_committed")]
/// properties: ClientProperties(settings.map { ($0.name, $0.value) })
/// ```
public struct ClientProperties: Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    /// The pairs in order.
    public let pairs: [(key: String, value: String)]

    /// The given pairs, in order.
    public init(_ pairs: some Sequence<(String, String)>) {
        self.pairs = pairs.map { (key: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public init(arrayLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// True when there is no property.
    public var isEmpty: Bool { pairs.isEmpty }
}
