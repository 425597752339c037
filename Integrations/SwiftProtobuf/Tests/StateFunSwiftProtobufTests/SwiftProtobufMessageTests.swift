// swift-protobuf messages as StateFun types: their typename, their bytes (the same as a hand-written
// ProtobufMessage's of the same schema), their errors, and an app that keeps them as state, handles them, sends
// them and writes them to an egress.

import StateFun
import StateFunSwiftProtobuf
import StateFunTesting
import StateFunWire
import SwiftProtobuf
import Testing

extension Example_GreetRequest: SwiftProtobufMessage {}
extension Example_GreetResponse: SwiftProtobufMessage {}
extension Example_Legacy_Ticket: SwiftProtobufMessage {
    static var typeName: TypeName { "com.example/Ticket" }
}

/// `example.GreetRequest` with a hand-written codec, as the SDK's own samples write messages.
struct HandWrittenGreetRequest: ProtobufMessage, Equatable {
    static let messageName = "example.GreetRequest"
    var name = ""
    init(name: String) { self.name = name }
    init(from reader: inout WireReader) throws {
        while let tag = try reader.nextField() {
            if tag.number == 1 { name = try reader.readString(tag) } else { try reader.skip(tag) }
        }
    }
    func encode(to writer: inout WireWriter) { writer.writeString(1, name) }
}

func greetRequest(_ name: String) -> Example_GreetRequest {
    var request = Example_GreetRequest()
    request.name = name
    return request
}

@Suite struct SwiftProtobufMessageTests {
    @Test func theTypenameIsTheFullProtobufNameUnderTypeGoogleapisCom() {
        #expect(Example_GreetRequest.typeName.description == "type.googleapis.com/example.GreetRequest")
        #expect(Example_GreetRequest.typeName == HandWrittenGreetRequest.typeName)
        #expect(
            SwiftProtobuf.Google_Protobuf_Timestamp.typeName.description
                == "type.googleapis.com/google.protobuf.Timestamp")
        #expect(Example_Legacy_Ticket.typeName.description == "com.example/Ticket", "declared in the extension")
    }

    @Test func theValueIsThePlainProtobufEncoding() throws {
        let bytes = try greetRequest("ann").serialize()
        // Field 1, wire type 2, length 3, "ann".
        #expect(bytes == [0x0A, 0x03, 0x61, 0x6E, 0x6E])
        #expect(bytes == (try greetRequest("ann").serializedBytes() as [UInt8]))
        #expect(try Example_GreetRequest.deserialize(from: bytes) == greetRequest("ann"))
        // StateFun has its own Google_Protobuf_Timestamp (the well-known types of statefun-protoc): qualify.
        var timestamp = SwiftProtobuf.Google_Protobuf_Timestamp()
        timestamp.seconds = 1_700_000_000
        timestamp.nanos = 5
        #expect(try SwiftProtobuf.Google_Protobuf_Timestamp.deserialize(from: timestamp.serialize()) == timestamp)
        // The two encode a timestamp alike and share its typename.
        var ours = StateFun.Google_Protobuf_Timestamp()
        ours.seconds = 1_700_000_000
        ours.nanos = 5
        #expect(ours.serialize() == (try timestamp.serialize()))
        #expect(StateFun.Google_Protobuf_Timestamp.typeName == SwiftProtobuf.Google_Protobuf_Timestamp.typeName)
    }

    @Test func aHandWrittenMessageOfTheSameSchemaReadsTheSameBytes() throws {
        for name in ["", "ann", "Jörg", "名前 🎉", String(repeating: "x", count: 300)] {
            let fromSwiftProtobuf = try greetRequest(name).serialize()
            #expect(try HandWrittenGreetRequest.deserialize(from: fromSwiftProtobuf) == HandWrittenGreetRequest(name: name))
            let fromHandWritten = HandWrittenGreetRequest(name: name).serialize()
            #expect(fromHandWritten == fromSwiftProtobuf)
            #expect(try Example_GreetRequest.deserialize(from: fromHandWritten) == greetRequest(name))
        }
    }

    @Test func unknownFieldsAreKeptAndWrittenBack() throws {
        // name = "ann", then field 9 (varint 5) and field 12 (length 2) that this schema does not know.
        let bytes: [UInt8] = [0x0A, 0x03, 0x61, 0x6E, 0x6E, 0x48, 0x05, 0x62, 0x02, 0x01, 0x02]
        let request = try Example_GreetRequest.deserialize(from: bytes)
        #expect(request.name == "ann")
        #expect(try request.serialize() == bytes)
    }

    @Test(arguments: [
        ("truncated", [0x0A, 0x05, 0x61] as [UInt8]),
        ("invalid UTF-8 in a proto3 string", [0x0A, 0x01, 0xFF]),
        ("wire type 7", [0x0F, 0x00]),
        ("field number 0", [0x00, 0x01]),
    ])
    func badBytesThrowDeserializationFailedNamingTheType(_ problem: String, _ bytes: [UInt8]) {
        #expect(throws: StateFunError.self, "\(problem)") { try Example_GreetRequest.deserialize(from: bytes) }
        do {
            _ = try Example_GreetRequest.deserialize(from: bytes)
        } catch let error as StateFunError {
            guard case .deserializationFailed(let typeName, _) = error else {
                Issue.record("\(problem): \(error)")
                return
            }
            #expect(typeName == "type.googleapis.com/example.GreetRequest")
        } catch {
            Issue.record("\(problem): not a StateFunError: \(error)")
        }
    }

    @Test func proto2RequiredFieldsAreChecked() throws {
        // seats = 2 without the required id.
        #expect(throws: StateFunError.self) { try Example_Legacy_Ticket.deserialize(from: [0x10, 0x02]) }
        var ticket = Example_Legacy_Ticket()
        ticket.seats = 2
        #expect(throws: StateFunError.self) { try ticket.serialize() }
        ticket.id = "t-1"
        #expect(try Example_Legacy_Ticket.deserialize(from: ticket.serialize()) == ticket)
    }

    // MARK: - In an app

    static let lastGreeting = ValueSpec<Example_GreetResponse>("last_greeting")
    static let greets = KafkaEgress(id: "example/greets", address: "kafka-broker:9092")
    static let printer: TypeName = "example/printer"
    static let app = App {
        Function("example/greeter") {
            lastGreeting
            Handle(Example_GreetRequest.self) { context, request in
                var response = try context.storage.get(lastGreeting) ?? Example_GreetResponse()
                response.name = request.name
                response.visits += 1
                response.greeting = "Hello \(request.name) #\(response.visits)"
                try context.storage.set(lastGreeting, response)
                try context.send(response, to: Address(printer, id: request.name))
                try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
            }
            Sends(printer)
            Emits(greets)
        }
        Function(printer) {
            Handle(Example_GreetResponse.self) { _, _ in }
        }
        KafkaIngress(id: "example/names", address: "kafka-broker:9092", consumerGroupId: "greeters") {
            KafkaTopic("names", valueType: Example_GreetRequest.self, targets: "example/greeter")
        }
        greets
        Endpoint(functions: "example/*", urlPathTemplate: "http://greeter:8000/statefun")
    }

    @Test func anAppWithSwiftProtobufMessagesValidates() {
        #expect(Self.app.validate().isEmpty)
    }

    @Test func aHandlerReadsAndWritesStateSendsAndEmits() async throws {
        var previous = Example_GreetResponse()
        previous.name = "ann"
        previous.visits = 2
        let result = try await TestInvocation(app: Self.app, function: "example/greeter", id: "ann")
            .state(Self.lastGreeting, previous)
            .invoke(with: greetRequest("ann"))
        let state = try #require(result.state(Self.lastGreeting))
        #expect(state.visits == 3 && state.greeting == "Hello ann #3")
        #expect(result.sentValues(Example_GreetResponse.self, to: Address(Self.printer, id: "ann")) == [state])
        let record = try #require(result.egressRecords.first)
        #expect(record.topic == "greetings" && record.key == "ann")
        #expect(try Example_GreetResponse.deserialize(from: record.valueBytes) == state)
    }

    @Test func theEmbeddedRuntimeCarriesThemFromIngressToEgress() async throws {
        let runtime = LocalRuntime.forTesting(app: Self.app)
        try await runtime.ingestAndWait(topic: "names", key: "bob", greetRequest("bob"))
        try await runtime.ingestAndWait(topic: "names", key: "bob", greetRequest("bob"))
        try runtime.checkNoFailures()
        let values = try runtime.egressRecords(topic: "greetings").map {
            try Example_GreetResponse.deserialize(from: $0.valueBytes)
        }
        #expect(values.map(\.greeting) == ["Hello bob #1", "Hello bob #2"])
        #expect(runtime.value(Self.lastGreeting, of: Address("example/greeter", id: "bob"))?.visits == 2)
    }
}
