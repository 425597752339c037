// Typed references: a ValueSpec<V> reads and writes only V, a function handle makes addresses of its type, an
// egress handle makes records for its egress. Driven through the real request handler on encoded ToFunction
// bytes.
//
// What does not compile (and so cannot be a test) is documented in Docs/ModuleYAML.md:
//
//     let seen = ValueSpec<Int32>("seen")
//     try context.storage.set(seen, "forty-two")
//     // error: cannot convert value of type 'String' to expected argument type 'Int32'
//     let text: String? = try context.storage.get(seen)
//     // error: cannot assign value of type 'Int32?' to type 'String?'
//     try context.send(GreetResponse(), to: greets)   // greets is a KafkaEgress, not an Address
//     // error: cannot convert value of type 'KafkaEgress' to expected argument type 'Address'

import StateFun
import StateFunProtocol
import Testing

@Suite struct AppTypedReferenceTests {
    static let seen = ValueSpec<Int32>("seen", expireAfterCall: .seconds(60))
    static let greets = KafkaEgress(id: "test/greets", address: "kafka:9092")
    static let echo = Function("test/echo") { Handle(String.self) { _, _ in } }
    static let counter = Function("test/counter") {
        seen
        Handle(String.self) { context, name in
            let count = (try context.storage.get(seen) ?? 0) + 1
            try context.storage.set(seen, count)
            try context.send(greets.record(topic: "greetings", key: name, value: .typed(count)))
            if count > 1 { try context.send("again", to: echo(name)) }
        }
        Sends(echo)
        Emits(greets)
    }
    static let app = App {
        counter
        echo
        greets
    }

    @Test func stateRoundTripsThroughAHandler() async throws {
        let handler = Self.app.requestReplyHandler()
        let target = Self.counter("ann").address
        let request = Requests.v3(target, states: [("seen", Requests.typed(Int32(41)))], [(nil, Requests.typed("ann"))])
        let result = try Requests.result(try await handler.handle(request))

        let mutation = try #require(result.stateMutations.first)
        #expect(result.stateMutations.count == 1)
        #expect(mutation.stateName == "seen")
        #expect(mutation.stateValue?.typename == "io.statefun.types/int")
        #expect(try Int32.deserialize(from: mutation.stateValue?.value ?? []) == 42)

        let egress = try #require(result.outgoingEgresses.first)
        #expect(egress.egressNamespace == "test" && egress.egressType == "greets")
        let record = try KafkaProducerRecord(serialized: egress.argument?.value ?? [])
        #expect(record.topic == "greetings" && record.key == "ann")
        #expect(try Int32.deserialize(from: record.valueBytes) == 42)

        let outgoing = try #require(result.outgoingMessages.first)
        #expect(outgoing.target == Address("test/echo", id: "ann"))
    }

    @Test func missingStateIsRequestedWithItsDeclaredTypeAndExpiration() async throws {
        let handler = Self.app.requestReplyHandler()
        let request = Requests.v3(Self.counter("bob").address, [(nil, Requests.typed("bob"))])
        let missing = try Requests.incomplete(try await handler.handle(request))
        let spec = try #require(missing.missingValues.first)
        #expect(spec.stateName == "seen")
        #expect(spec.typeTypename == "io.statefun.types/int")
        #expect(spec.expirationSpec?.expireAfterMillis == 60_000)
    }

    @Test func functionHandleMakesAddressesOfItsType() {
        #expect(Self.counter("ann").address == Address("test/counter", id: "ann"))
        #expect(Self.counter("ann").typeName == "test/counter" && Self.counter("ann").id == "ann")
        #expect(Self.counter.typeName == "test/counter")
    }
}
