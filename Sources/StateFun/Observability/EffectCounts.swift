/// How many effects of each kind a batch's answer carries.
public struct EffectCounts: Sendable, Equatable {
    /// Messages to functions (`send`, `reply`).
    public var messages: Int
    /// Delayed messages (`send(after:)`).
    public var delayedMessages: Int
    /// Cancellations of delayed messages.
    public var cancellations: Int
    /// Egress records, per egress typename, in order of first appearance.
    public var egressRecords: [(egress: TypeName, count: Int)]

    /// Creates counts.
    public init(
        messages: Int = 0, delayedMessages: Int = 0, cancellations: Int = 0,
        egressRecords: [(egress: TypeName, count: Int)] = []
    ) {
        self.messages = messages
        self.delayedMessages = delayedMessages
        self.cancellations = cancellations
        self.egressRecords = egressRecords
    }

    /// All egress records, whatever the egress.
    public var totalEgressRecords: Int { egressRecords.reduce(0) { $0 + $1.count } }

    /// Adds one egress record for `egress`.
    public mutating func addEgressRecord(_ egress: TypeName) {
        if let i = egressRecords.firstIndex(where: { $0.egress == egress }) {
            egressRecords[i].count += 1
        } else {
            egressRecords.append((egress, 1))
        }
    }

    /// Whether two counts are equal (egress counts compared in order).
    public static func == (a: EffectCounts, b: EffectCounts) -> Bool {
        a.messages == b.messages && a.delayedMessages == b.delayedMessages && a.cancellations == b.cancellations
            && a.egressRecords.elementsEqual(b.egressRecords) { $0.egress == $1.egress && $0.count == $1.count }
    }
}
