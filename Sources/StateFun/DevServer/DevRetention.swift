/// How the development server keeps what it logs without holding more memory than it counts: values are copied
/// out of the buffers they arrived in (a received ``Message``'s payload is a slice of the whole response body, and
/// a slice keeps its whole buffer alive), and each kept entry is charged its content bytes plus a fixed overhead
/// against ``DevServerConfiguration/maxEgressRecordBytes``.
package enum DevRetention {
    /// What a kept entry costs beyond its content: the structs, array and string headers around it (an estimate;
    /// it keeps many tiny records from being counted as free).
    package static let entryOverhead = 128

    // MARK: - Egress records

    /// `record` with every byte it carries in storage of its own.
    package static func detached(_ record: CapturedEgressRecord) -> CapturedEgressRecord {
        guard case .value(let message) = record.payload else { return record }
        return CapturedEgressRecord(
            egress: record.egress, payload: .value(detached(message)), source: record.source, time: record.time,
            headers: record.headers)
    }

    /// The bytes `record` holds: its value, its strings, and ``entryOverhead``.
    package static func cost(_ record: CapturedEgressRecord) -> Int {
        var total = entryOverhead + cost(record.egress) + cost(record.source) + cost(record.headers)
        switch record.payload {
        case .kafka(let topic, let key, let value):
            total += topic.utf8.count + (key?.utf8.count ?? 0) + value.count
        case .kinesis(let stream, let partitionKey, let explicitHashKey, let value):
            total += stream.utf8.count + partitionKey.utf8.count + (explicitHashKey?.utf8.count ?? 0) + value.count
        case .value(let message):
            total += cost(message)
        }
        return total
    }

    // MARK: - Failures

    /// `failure` with its dropped messages in storage of their own.
    package static func detached(_ failure: RuntimeFailure) -> RuntimeFailure {
        RuntimeFailure(
            address: failure.address, attempts: failure.attempts, error: failure.error,
            droppedMessages: failure.droppedMessages.map(detached), time: failure.time)
    }

    /// The bytes `failure` holds: its dropped messages, its description, and ``entryOverhead``.
    package static func cost(_ failure: RuntimeFailure) -> Int {
        failure.droppedMessages.reduce(entryOverhead + cost(failure.address) + failure.description.utf8.count) {
            $0 + cost($1)
        }
    }

    // MARK: - Parts

    private static func detached(_ message: Message) -> Message {
        Message(
            typeName: message.typeName, payload: message.bytes?[...], metadata: message.metadata,
            protocolVersion: message.protocolVersion)
    }

    private static func cost(_ message: Message) -> Int {
        message.typeName.utf8.count + (message.payload?.count ?? 0) + cost(message.metadata)
    }

    /// A message's metadata or a Kafka record's headers (the maintained fork's): keys and values.
    private static func cost(_ entries: [MetadataEntry]) -> Int {
        entries.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.count ?? 0) + 16 }
    }

    private static func cost(_ address: Address) -> Int {
        cost(address.typeName) + address.id.utf8.count
    }

    private static func cost(_ typeName: TypeName) -> Int {
        typeName.namespace.utf8.count + typeName.name.utf8.count
    }
}
