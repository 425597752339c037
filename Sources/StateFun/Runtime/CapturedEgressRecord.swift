#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import StateFunProtocol

/// A record a function sent to an egress, as the local runtime (or a `TestInvocation`-style test) captured
/// it: decoded the way StateFun's generic Kafka and Kinesis egresses decode it, or kept as a typed value for
/// any other egress.
///
/// ```swift
/// #expect(runtime.egressRecords(topic: "greetings").map(\.text) == ["Hello ann! seen=1"])
/// ```
public struct CapturedEgressRecord: Sendable, Equatable, CustomStringConvertible {
    /// What the record carries.
    public enum Payload: Sendable, Equatable {
        /// A `KafkaProducerRecord`: the topic, the key (`nil` when the function gave none), the value bytes.
        case kafka(topic: String, key: String?, value: [UInt8])
        /// A `KinesisEgressRecord`: the stream, the partition key, the explicit hash key (`nil` when none), the
        /// value bytes.
        case kinesis(stream: String, partitionKey: String, explicitHashKey: String?, value: [UInt8])
        /// Any other typed value.
        case value(Message)
    }

    /// The egress the record was sent to.
    public let egress: TypeName
    /// The decoded record.
    public let payload: Payload
    /// The function instance that sent it.
    public let source: Address
    /// The runtime clock's time when the runtime applied the effects of the sending batch.
    public let time: Duration
    /// A Kafka record's headers, in order (the maintained fork's `KafkaProducerRecord.headers`, written with
    /// ``KafkaEgress/record(topic:key:value:headers:)``); empty for other records.
    public let headers: [MetadataEntry]

    /// Creates a record.
    public init(egress: TypeName, payload: Payload, source: Address, time: Duration, headers: [MetadataEntry] = []) {
        self.egress = egress
        self.payload = payload
        self.source = source
        self.time = time
        self.headers = headers
    }

    /// The Kafka topic or Kinesis stream; for a playground egress record (`io.statefun.playground/EgressRecord`,
    /// JSON `{"topic": …, "payload": …}`) its topic; `nil` for other typed values.
    public var topic: String? {
        switch payload {
        case .kafka(let topic, _, _): topic
        case .kinesis(let stream, _, _, _): stream
        case .value(let message): Self.playgroundRecord(message)?.topic
        }
    }

    /// The Kafka key or Kinesis partition key.
    public var key: String? {
        switch payload {
        case .kafka(_, let key, _): key
        case .kinesis(_, let partitionKey, _, _): partitionKey
        case .value: nil
        }
    }

    /// The bytes the egress would write: a Kafka or Kinesis record's value bytes, or a typed value's serialized
    /// bytes.
    public var valueBytes: [UInt8] {
        switch payload {
        case .kafka(_, _, let value), .kinesis(_, _, _, let value): value
        case .value(let message): message.bytes ?? []
        }
    }

    /// The value as text: a Kafka or Kinesis value's bytes as UTF-8, a string value decoded, a playground egress
    /// record's payload, or any other typed value's bytes when they are valid UTF-8; `nil` otherwise.
    public var text: String? {
        if case .value(let message) = payload {
            if message.is(String.self) { return try? message.decode(String.self) }
            if let record = Self.playgroundRecord(message) { return record.payload }
        }
        return String(validating: valueBytes, as: UTF8.self)
    }

    /// Decodes a typed value (``Payload/value(_:)``), or the value bytes of a Kafka or Kinesis record with `V`'s
    /// serializer (records written with ``EgressValue/typed(_:)``).
    public func value<V: StateFunType>(as type: V.Type) throws -> V {
        switch payload {
        case .kafka, .kinesis:
            return try V.deserialize(from: valueBytes)
        case .value(let message):
            return try message.decode(type)
        }
    }

    /// A readable form, for logs and error messages.
    public var description: String {
        switch payload {
        case .kafka(let topic, let key, _):
            "\(egress) kafka topic=\(topic) key=\(key ?? "-") value=\(Self.show(text, valueBytes))"
        case .kinesis(let stream, let partitionKey, let hashKey, _):
            "\(egress) kinesis stream=\(stream) partitionKey=\(partitionKey)"
                + (hashKey.map { " explicitHashKey=\($0)" } ?? "") + " value=\(Self.show(text, valueBytes))"
        case .value(let message):
            "\(egress) \(message.typeName) value=\(Self.show(text, valueBytes))"
        }
    }

    private static func show(_ text: String?, _ bytes: [UInt8]) -> String {
        if let text { return "\"\(text)\"" }
        return "<\(bytes.count) bytes>"
    }

    // MARK: - Decoding

    /// The playground egress's record type (`statefun-playground` `IngressWebServer`'s egress).
    static let playgroundTypeName = "io.statefun.playground/EgressRecord"

    private struct PlaygroundRecord: Decodable {
        var topic: String
        var payload: String
    }

    private static func playgroundRecord(_ message: Message) -> PlaygroundRecord? {
        guard message.typeName == playgroundTypeName, let bytes = message.bytes else { return nil }
        return try? JSONDecoder().decode(PlaygroundRecord.self, from: Data(bytes))
    }

    /// Decodes an egress message as the runtime's generic egresses do: on 3.x a record is a Kafka or Kinesis record
    /// only when its typename is exactly the record type's, on 2.x when its `Any` type URL names it. An egress
    /// declared as Kafka or Kinesis accepts only its record type.
    package static func decode(
        egress: TypeName, message: Message, declared kind: EgressDefinition.Kind?, source: Address, time: Duration
    ) throws(RuntimeError) -> CapturedEgressRecord {
        let codec = message.protocolVersion.codec
        let isKafka = codec.matches(message.typeName, expected: codec.kafkaRecordTypeName)
        let isKinesis = codec.matches(message.typeName, expected: codec.kinesisRecordTypeName)
        switch kind {
        case .kafka? where !isKafka:
            throw .invalidEgressRecord(
                egress: egress, reason: "a Kafka egress takes '\(codec.kafkaRecordTypeName)', not '\(message.typeName)'")
        case .kinesis? where !isKinesis:
            throw .invalidEgressRecord(
                egress: egress,
                reason: "a Kinesis egress takes '\(codec.kinesisRecordTypeName)', not '\(message.typeName)'")
        default: break
        }
        let payload: Payload
        var headers: [MetadataEntry] = []
        do {
            if isKafka {
                let record = try KafkaProducerRecord(serialized: message.bytes ?? [])
                guard !record.topic.isEmpty else {
                    throw RuntimeError.invalidEgressRecord(egress: egress, reason: "the Kafka record has no topic")
                }
                payload = .kafka(topic: record.topic, key: record.key.isEmpty ? nil : record.key, value: record.valueBytes)
                headers = record.headers.map { MetadataEntry(key: $0.key, value: $0.hasValue ? $0.value : nil) }
            } else if isKinesis {
                let record = try KinesisEgressRecord(serialized: message.bytes ?? [])
                guard !record.stream.isEmpty else {
                    throw RuntimeError.invalidEgressRecord(egress: egress, reason: "the Kinesis record has no stream")
                }
                payload = .kinesis(
                    stream: record.stream, partitionKey: record.partitionKey,
                    explicitHashKey: record.explicitHashKey.isEmpty ? nil : record.explicitHashKey,
                    value: record.valueBytes)
            } else {
                payload = .value(message)
            }
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw .invalidEgressRecord(egress: egress, reason: "the record does not decode: \(error)")
        }
        return CapturedEgressRecord(egress: egress, payload: payload, source: source, time: time, headers: headers)
    }
}
