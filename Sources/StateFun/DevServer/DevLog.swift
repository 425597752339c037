import Synchronization

/// The egress records the development server has seen, oldest first, at most
/// ``DevServerConfiguration/maxEgressRecords`` of them: when full, the oldest record is dropped (and counted) for
/// each new one, so a server left running for days keeps a bounded amount of memory.
package final class DevEgressLog: Sendable {
    /// One record and its position in the order of arrival (1, 2, 3, … over the server's life).
    package struct Entry: Sendable {
        package var sequence: UInt64
        package var record: CapturedEgressRecord
    }

    private struct Storage {
        var entries: [Entry] = []
        /// Index of the oldest kept entry; the ones before it are dropped and compacted away now and then.
        var start = 0
        var nextSequence: UInt64 = 1
        var dropped = 0
    }

    /// How many records are kept.
    package let limit: Int
    private let storage = Mutex(Storage())

    /// A log keeping the newest `limit` records (at least 1).
    package init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Adds a record; drops the oldest one when the log is full.
    package func append(_ record: CapturedEgressRecord) {
        storage.withLock { storage in
            storage.entries.append(Entry(sequence: storage.nextSequence, record: record))
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

    /// The sequence number the next record will get: records with a number at or above this one arrived later.
    package var nextSequence: UInt64 { storage.withLock { $0.nextSequence } }

    /// How many records were dropped because the log was full.
    package var droppedCount: Int { storage.withLock { $0.dropped } }

    /// The kept records, oldest first: all of them, those for a Kafka topic or Kinesis stream, and/or those that
    /// arrived at or after `sequence`.
    package func entries(topic: String? = nil, since sequence: UInt64 = 0) -> [Entry] {
        storage.withLock { storage in
            storage.entries[storage.start...].filter { entry in
                entry.sequence >= sequence && (topic == nil || entry.record.topic == topic)
            }
        }
    }
}
