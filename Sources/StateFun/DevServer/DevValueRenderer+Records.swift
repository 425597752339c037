// Egress records as the development server shows them: JSON for `GET /egress`, one line for the console.

extension DevValueRenderer {
    /// A captured record as JSON: where it went, who sent it, and its value (see ``DevValueRenderer``).
    package func json(_ record: CapturedEgressRecord) -> DevJSON {
        var members: [DevJSONMember] = [DevJSONMember(key: "egress", value: .string(record.egress.description))]
        func add(_ key: String, _ value: DevJSON) { members.append(DevJSONMember(key: key, value: value)) }
        switch record.payload {
        case .kafka(let topic, let key, let value):
            add("kind", .string("kafka"))
            add("topic", .string(topic))
            add("key", key.map { .string($0) } ?? .null)
            add("value", render(bytes: value))
        case .kinesis(let stream, let partitionKey, let hashKey, let value):
            add("kind", .string("kinesis"))
            add("stream", .string(stream))
            add("partitionKey", .string(partitionKey))
            if let hashKey { add("explicitHashKey", .string(hashKey)) }
            add("value", render(bytes: value))
        case .value(let message):
            add("kind", .string("value"))
            if message.typeName == CapturedEgressRecord.playgroundTypeName, let topic = record.topic {
                add("topic", .string(topic))
                add("value", .object(["text": .string(record.text ?? "")]))
            } else {
                add("value", render(typeName: message.typeName, bytes: message.bytes))
            }
        }
        add("source", .string(record.source.description))
        add("timeMillis", .int(Int64(record.time / .milliseconds(1))))
        return .object(members)
    }

    /// One console line for a record: `egress example/greets topic=greetings key=ann {…}`.
    package func line(_ record: CapturedEgressRecord) -> String {
        var line = "egress \(record.egress)"
        switch record.payload {
        case .kafka(let topic, let key, let value):
            line += " topic=\(topic) key=\(key ?? "-") " + render(bytes: value).compact()
        case .kinesis(let stream, let partitionKey, _, let value):
            line += " stream=\(stream) partitionKey=\(partitionKey) " + render(bytes: value).compact()
        case .value(let message):
            if message.typeName == CapturedEgressRecord.playgroundTypeName, let topic = record.topic {
                line += " topic=\(topic) " + DevJSON.object(["text": .string(record.text ?? "")]).compact()
            } else {
                line += " " + render(typeName: message.typeName, bytes: message.bytes).compact()
            }
        }
        return line
    }
}
