import GreeterApp
import StateFun
import StateFunWire

/// Requests as the StateFun 3.x runtime sends them to `example/greeter`, and the parts of the replies the tests
/// look at, written and read with the SDK's protobuf codec (`protocol.md` §1: ToFunction, FromFunction).
enum GreeterCalls {
    /// A `ToFunction` for `example/greeter/<id>` with one `GreetRequest` per name. `seenCount` is the state the
    /// runtime attaches: `nil` sends none (a runtime that has not registered the state yet), `.some(nil)` a
    /// registered but empty `seen_count`.
    static func request(id: String, names: [String], seenCount: SeenCount?? = .some(nil)) -> [UInt8] {
        var writer = WireWriter()
        writer.writeMessage(100) { batch in
            batch.writeMessage(1) { address in
                address.writeString(1, "example")
                address.writeString(2, "greeter")
                address.writeString(3, id)
            }
            if let seenCount {
                batch.writeMessage(2) { value in
                    value.writeString(1, "seen_count")
                    value.writeMessage(2) { typed in
                        typed.writeString(1, SeenCount.typeName.description)
                        typed.writeBool(2, seenCount != nil)
                        if let seenCount { typed.writeBytes(3, seenCount.serialize()) }
                    }
                }
            }
            for name in names {
                batch.writeMessage(3) { invocation in
                    invocation.writeMessage(2) { typed in
                        typed.writeString(1, GreetRequest.typeName.description)
                        typed.writeBool(2, true)
                        typed.writeBytes(3, GreetRequest(name: name).serialize())
                    }
                }
            }
        }
        return writer.bytes
    }

    /// What a `FromFunction` says, as far as the tests need it.
    struct Reply: Equatable {
        /// `IncompleteInvocationContext`: the names of the states the function asked for.
        var missingStates: [String] = []
        /// The new `seen_count`, from the state mutations.
        var seenCount: SeenCount?
        /// The GreetResponses written to Kafka egress records.
        var greetings: [GreetResponse] = []
    }

    static func reply(_ bytes: [UInt8]) throws -> Reply {
        var reply = Reply()
        var reader = WireReader(bytes)
        while let tag = try reader.nextField() {
            switch tag.number {
            case 100: try reader.readMessage(tag) { response throws(WireError) in try invocationResponse(&response, &reply) }
            case 101: try reader.readMessage(tag) { incomplete throws(WireError) in try missingValues(&incomplete, &reply) }
            default: try reader.skip(tag)
            }
        }
        return reply
    }

    private static func invocationResponse(_ reader: inout WireReader, _ reply: inout Reply) throws(WireError) {
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1:  // PersistedValueMutation {mutation_type 1, state_name 2, state_value 3: TypedValue}
                let value = try reader.readMessage(tag) { mutation throws(WireError) -> [UInt8]? in
                    var bytes: [UInt8]?
                    while let field = try mutation.nextField() {
                        if field.number == 3 { bytes = try typedValueBytes(&mutation, field) } else { try mutation.skip(field) }
                    }
                    return bytes
                }
                if let value { reply.seenCount = try? SeenCount.deserialize(from: value) }
            case 4:  // EgressMessage {namespace 1, type 2, argument 3: TypedValue of a KafkaProducerRecord}
                let record = try reader.readMessage(tag) { egress throws(WireError) -> [UInt8]? in
                    var bytes: [UInt8]?
                    while let field = try egress.nextField() {
                        if field.number == 3 { bytes = try typedValueBytes(&egress, field) } else { try egress.skip(field) }
                    }
                    return bytes
                }
                // KafkaProducerRecord {key 1, value_bytes 2, topic 3}
                var recordReader = WireReader(record ?? [])
                while let field = try recordReader.nextField() {
                    if field.number == 2, let response = try? GreetResponse.deserialize(from: recordReader.readBytes(field)) {
                        reply.greetings.append(response)
                    } else if field.number != 2 {
                        try recordReader.skip(field)
                    }
                }
            default:
                try reader.skip(tag)
            }
        }
    }

    private static func missingValues(_ reader: inout WireReader, _ reply: inout Reply) throws(WireError) {
        while let tag = try reader.nextField() {
            guard tag.number == 1 else {
                try reader.skip(tag)
                continue
            }
            let name = try reader.readMessage(tag) { spec throws(WireError) -> String in
                var name = ""
                while let field = try spec.nextField() {
                    if field.number == 1 { name = try spec.readString(field) } else { try spec.skip(field) }
                }
                return name
            }
            reply.missingStates.append(name)
        }
    }

    /// The `value` (3) of the TypedValue in `tag`.
    private static func typedValueBytes(_ reader: inout WireReader, _ tag: FieldTag) throws(WireError) -> [UInt8] {
        try reader.readMessage(tag) { typed throws(WireError) -> [UInt8] in
            var bytes: [UInt8] = []
            while let field = try typed.nextField() {
                if field.number == 3 { bytes = try typed.readBytes(field) } else { try typed.skip(field) }
            }
            return bytes
        }
    }
}
