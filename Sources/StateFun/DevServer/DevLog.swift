import Synchronization

/// What the development server has seen — egress records, runtime failures — oldest first, bounded twice: at most
/// `limit` entries and at most `byteLimit` bytes of their contents (each entry's size measured once by `cost` when
/// it arrives). When a new entry would pass either bound, the oldest entries are dropped (and counted) until both
/// hold again, so a server left running for days keeps a bounded amount of memory whatever its functions emit
/// (``DevServerConfiguration/maxEgressRecords``, ``DevServerConfiguration/maxEgressRecordBytes``). An entry
/// larger than `byteLimit` on its own is not kept at all.
package final class DevLog<Element: Sendable>: Sendable {
    /// One element and its position in the order of arrival (1, 2, 3, … over the server's life).
    package struct Entry: Sendable {
        package var sequence: UInt64
        package var element: Element
    }

    private struct Kept {
        var entry: Entry
        var cost: Int
    }

    private struct Storage {
        /// Kept entries from `start` on; the slots before it are dropped entries, already released (`nil`) and
        /// compacted away once they are the larger part, so dropping is O(1) amortized and frees at once.
        var slots: [Kept?] = []
        var start = 0
        var bytes = 0
        var nextSequence: UInt64 = 1
        var dropped = 0

        var count: Int { slots.count - start }

        mutating func dropOldest() {
            guard start < slots.count, let oldest = slots[start] else { return }
            bytes -= oldest.cost
            slots[start] = nil
            start += 1
            dropped += 1
            if start == slots.count {
                slots.removeAll(keepingCapacity: true)
                start = 0
            } else if start * 2 >= slots.count {
                slots.removeFirst(start)
                start = 0
            }
        }
    }

    /// How many entries are kept at most.
    package let limit: Int
    /// How many bytes of content (as measured by `cost`) are kept at most.
    package let byteLimit: Int
    private let cost: @Sendable (Element) -> Int
    private let storage = Mutex(Storage())

    /// A log keeping the newest `limit` entries (at least 1) whose costs add up to at most `byteLimit`.
    package init(limit: Int, byteLimit: Int = .max, cost: @escaping @Sendable (Element) -> Int = { _ in 0 }) {
        self.limit = max(1, limit)
        self.byteLimit = max(0, byteLimit)
        self.cost = cost
    }

    /// Adds an element; drops the oldest ones while the log is over either bound. An element over `byteLimit` on
    /// its own is dropped as well (counted, never kept).
    package func append(_ element: Element) {
        let size = max(0, cost(element))
        storage.withLock { storage in
            let sequence = storage.nextSequence
            storage.nextSequence += 1
            guard size <= byteLimit else {
                storage.dropped += 1
                return
            }
            while storage.count > 0, storage.count + 1 > limit || storage.bytes > byteLimit - size {
                storage.dropOldest()
            }
            storage.slots.append(Kept(entry: Entry(sequence: sequence, element: element), cost: size))
            storage.bytes += size
        }
    }

    /// The sequence number the next element will get: elements with a number at or above this one arrived later.
    package var nextSequence: UInt64 { storage.withLock { $0.nextSequence } }

    /// How many elements were dropped to keep the log within its bounds.
    package var droppedCount: Int { storage.withLock { $0.dropped } }

    /// The bytes the kept entries cost, as measured when they arrived (at most ``byteLimit``).
    package var keptBytes: Int { storage.withLock { $0.bytes } }

    /// The kept entries that arrived at or after `sequence` and satisfy `isIncluded`, oldest first.
    package func entries(since sequence: UInt64 = 0, where isIncluded: (Element) -> Bool = { _ in true }) -> [Entry] {
        storage.withLock { storage in
            storage.slots[storage.start...].compactMap { kept in
                guard let kept, kept.entry.sequence >= sequence, isIncluded(kept.entry.element) else { return nil }
                return kept.entry
            }
        }
    }
}
