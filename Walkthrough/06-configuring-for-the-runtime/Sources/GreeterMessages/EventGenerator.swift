/// Makes the records a producer would publish to the `names` topic: a `GreetRequest` for a name picked from a
/// fixed cast, keyed by that name (StateFun routes each record to the greeter instance its key names).
///
/// The picks come from a seeded pseudo-random sequence, so a run can be replayed exactly; the walkthrough's
/// Python generator picks with `random.choice` and no seed.
public struct EventGenerator: Sendable {
    /// One record for the `names` topic.
    public struct Record: Sendable, Equatable {
        /// The record key: the name, which becomes the id of the greeter instance that handles it.
        public var key: String
        /// The record value: the serialized `GreetRequest`.
        public var value: [UInt8]
    }

    /// The names the generator picks from by default.
    public static let defaultNames = ["Jerry", "George", "Elaine", "Kramer", "Newman", "Frank"]

    /// The names this generator picks from (never empty).
    public let names: [String]
    private var state: UInt64

    /// A generator picking from `names` (the default cast when empty), starting from `seed`.
    public init(names: [String] = EventGenerator.defaultNames, seed: UInt64 = 2020) {
        self.names = names.isEmpty ? EventGenerator.defaultNames : names
        self.state = seed
    }

    /// The next request.
    public mutating func nextRequest() -> GreetRequest {
        GreetRequest(name: names[Int(nextRandom() % UInt64(names.count))])
    }

    /// The next record: a request, keyed by its name.
    public mutating func nextRecord() -> Record {
        let request = nextRequest()
        return Record(key: request.name, value: request.serialize())
    }

    /// The next `count` records.
    public mutating func records(_ count: Int) -> [Record] {
        (0..<max(count, 0)).map { _ in nextRecord() }
    }

    /// SplitMix64: small, fast and good enough to pick names.
    private mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
