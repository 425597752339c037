import Synchronization

/// What the development server has seen — egress records, runtime failures — oldest first, at most `limit` of
/// them: when full, the oldest entry is dropped (and counted) for each new one, so a server left running for days
/// keeps a bounded amount of memory (``DevServerConfiguration/maxEgressRecords``).
package final class DevLog<Element: Sendable>: Sendable {
    /// One element and its position in the order of arrival (1, 2, 3, … over the server's life).
    package struct Entry: Sendable {
        package var sequence: UInt64
        package var element: Element
    }

    private struct Storage {
        var entries: [Entry] = []
        /// Index of the oldest kept entry; the ones before it are dropped and compacted away now and then.
        var start = 0
        var nextSequence: UInt64 = 1
        var dropped = 0
    }

    /// How many entries are kept.
    package let limit: Int
    private let storage = Mutex(Storage())

    /// A log keeping the newest `limit` entries (at least 1).
    package init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Adds an element; drops the oldest one when the log is full.
    package func append(_ element: Element) {
        storage.withLock { storage in
            storage.entries.append(Entry(sequence: storage.nextSequence, element: element))
            storage.nextSequence += 1
            if storage.entries.count - storage.start > limit {
                storage.start += 1
                storage.dropped += 1
                if storage.start >= limit {
                    storage.entries.removeFirst(storage.start)
                    storage.start = 0
                }
            }
        }
    }

    /// The sequence number the next element will get: elements with a number at or above this one arrived later.
    package var nextSequence: UInt64 { storage.withLock { $0.nextSequence } }

    /// How many elements were dropped because the log was full.
    package var droppedCount: Int { storage.withLock { $0.dropped } }

    /// The kept entries that arrived at or after `sequence` and satisfy `isIncluded`, oldest first.
    package func entries(since sequence: UInt64 = 0, where isIncluded: (Element) -> Bool = { _ in true }) -> [Entry] {
        storage.withLock { storage in
            storage.entries[storage.start...].filter { $0.sequence >= sequence && isIncluded($0.element) }
        }
    }
}
