// Just enough of StateFun's 3.x request-reply messages (protocol.md §1.3) to drive the greeter's handler from
// outside the SDK package, with the SDK's public protobuf reader and writer.

import StateFun
import StateFunWire

enum Wire {
    /// `ToFunction{invocation: {target, state, invocations: [{argument}]}}`.
    static func toFunction(
        target: (String, String, String), state: [(String, String, [UInt8])], argument: (String, [UInt8])
    ) -> [UInt8] {
        var writer = WireWriter()
        writer.writeMessage(100) { batch in
            batch.writeMessage(1) { address in
                address.writeString(1, target.0)
                address.writeString(2, target.1)
                address.writeString(3, target.2)
            }
            for (name, typename, value) in state {
                batch.writeMessage(2) { persisted in
                    persisted.writeString(1, name)
                    persisted.writeMessage(2) { typed(&$0, typename, value) }
                }
            }
            batch.writeMessage(3) { invocation in
                invocation.writeMessage(2) { typed(&$0, argument.0, argument.1) }
            }
        }
        return writer.bytes
    }

    private static func typed(_ writer: inout WireWriter, _ typename: String, _ value: [UInt8]) {
        writer.writeString(1, typename)
        writer.writeBool(2, true)
        writer.writeBytes(3, value)
    }

    struct TypedValue {
        var typename = ""
        var value: [UInt8] = []
    }

    struct Mutation {
        var name = ""
        var typename = ""
        var value: [UInt8] = []
    }

    struct Egress {
        var namespace = ""
        var type = ""
        var typename = ""
        var value: [UInt8] = []
    }

    struct Response {
        var mutations: [Mutation] = []
        var egresses: [Egress] = []
    }

    struct Failure: Error {
        var reason: String
    }

    /// The mutations and egress messages of `FromFunction{invocation_result}`.
    static func invocationResponse(_ bytes: [UInt8]) throws -> Response {
        var reader = WireReader(bytes)
        var response: Response?
        while let tag = try reader.nextField() {
            guard tag.number == 100 else {
                try reader.skip(tag)
                continue
            }
            response = try reader.readMessage(tag) { (result: inout WireReader) throws(WireError) -> Response in
                var response = Response()
                while let field = try result.nextField() {
                    switch field.number {
                    case 1: response.mutations.append(try result.readMessage(field, mutation))
                    case 4: response.egresses.append(try result.readMessage(field, egress))
                    default: try result.skip(field)
                    }
                }
                return response
            }
        }
        guard let response else { throw Failure(reason: "no invocation result") }
        return response
    }

    private static func typedValue(_ reader: inout WireReader) throws(WireError) -> TypedValue {
        var value = TypedValue()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: value.typename = try reader.readString(tag)
            case 3: value.value = try reader.readBytes(tag)
            default: try reader.skip(tag)
            }
        }
        return value
    }

    private static func mutation(_ reader: inout WireReader) throws(WireError) -> Mutation {
        var mutation = Mutation()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 2: mutation.name = try reader.readString(tag)
            case 3:
                let value = try reader.readMessage(tag, typedValue)
                mutation.typename = value.typename
                mutation.value = value.value
            default: try reader.skip(tag)
            }
        }
        return mutation
    }

    private static func egress(_ reader: inout WireReader) throws(WireError) -> Egress {
        var egress = Egress()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: egress.namespace = try reader.readString(tag)
            case 2: egress.type = try reader.readString(tag)
            case 3:
                let value = try reader.readMessage(tag, typedValue)
                egress.typename = value.typename
                egress.value = value.value
            default: try reader.skip(tag)
            }
        }
        return egress
    }

    /// `KafkaProducerRecord{key=1, value_bytes=2, topic=3}` (protocol.md §2.1).
    static func kafkaRecord(_ bytes: [UInt8]) throws -> (key: String, value: [UInt8], topic: String) {
        var reader = WireReader(bytes)
        var record = (key: "", value: [UInt8](), topic: "")
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: record.key = try reader.readString(tag)
            case 2: record.value = try reader.readBytes(tag)
            case 3: record.topic = try reader.readString(tag)
            default: try reader.skip(tag)
            }
        }
        return record
    }
}
