import StateFunProtocol

/// Egress records counted per egress, in order of first appearance. Each egress's namespace and type bytes are
/// kept in `keys`, so that a batch's ``EffectTally`` finds its series by comparing bytes in place, without making a
/// string; a typename is made once per egress, when it is first seen.
struct EgressSeries {
    private(set) var egress: [TypeName] = []
    private(set) var recordCounts: [UInt64] = []
    private var keys: [UInt8] = []
    private var namespaces: [Range<Int>] = []
    private var types: [Range<Int>] = []

    /// Every egress with its record count.
    var counts: [(TypeName, UInt64)] { Array(zip(egress, recordCounts)) }

    /// Adds `count` records of `egress`.
    mutating func add(_ egress: TypeName, _ count: Int) {
        if let i = self.egress.firstIndex(of: egress) {
            recordCounts[i] &+= UInt64(truncatingIfNeeded: count)
        } else {
            append(egress, count)
        }
    }

    /// Adds `tally.count` records of the egress whose namespace and type are those bytes of `bytes`; returns the
    /// egress's index.
    @discardableResult
    mutating func add(_ tally: EffectTally.EgressCount, in bytes: EffectTally.EgressBytes) -> Int {
        var i = 0
        while i < egress.count {
            if bytes.matches(tally, keys, namespace: namespaces[i], type: types[i]) {
                recordCounts[i] &+= UInt64(truncatingIfNeeded: tally.count)
                return i
            }
            i &+= 1
        }
        append(TypeName(namespace: bytes.string(tally.namespace), name: bytes.string(tally.type)), tally.count)
        return egress.count - 1
    }

    /// Adds `count` records of the egress at `index` (an index ``add(_:in:)`` returned).
    @inline(__always)
    mutating func add(_ count: Int, at index: Int) {
        recordCounts[index] &+= UInt64(truncatingIfNeeded: count)
    }

    private mutating func append(_ egress: TypeName, _ count: Int) {
        self.egress.append(egress)
        recordCounts.append(UInt64(truncatingIfNeeded: count))
        let namespaceStart = keys.count
        keys.append(contentsOf: egress.namespace.utf8)
        let typeStart = keys.count
        keys.append(contentsOf: egress.name.utf8)
        namespaces.append(namespaceStart..<typeStart)
        types.append(typeStart..<keys.count)
    }
}
