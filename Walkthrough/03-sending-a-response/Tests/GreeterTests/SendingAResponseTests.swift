import Greeter
import GreeterMessages
import StateFun
import StateFunTesting
import Testing

@Suite struct SendingAResponseTests {
    @Test func aRequestIsAnsweredOnTheGreetingsTopic() async throws {
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Elaine")
            .invoke(with: GreetRequest(name: "Elaine"))
        #expect(result.egressRecords.count == 1)
        let record = try #require(result.egressRecords.first)
        #expect(record.egress == "example/greets")
        #expect(record.topic == "greetings")
        #expect(record.key == "Elaine")
        #expect(try record.value(as: GreetResponse.self) == GreetResponse(name: "Elaine", greeting: "Hello Elaine"))
    }

    @Test func theRecordValueIsThePlainResponseBytes() async throws {
        // What a Kafka consumer of `greetings` reads: the protobuf bytes of GreetResponse, no envelope.
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Al")
            .invoke(with: GreetRequest(name: "Al"))
        #expect(result.egressRecords.first?.valueBytes == GreetResponse(name: "Al", greeting: "Hello Al").serialize())
    }

    @Test func eachRequestOfABatchIsAnswered() async throws {
        let requests = try ["Jerry", "Jerry"].map { try Message(GreetRequest(name: $0)) }
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Jerry")
            .invoke(with: requests)
        #expect(result.egressRecords.count == 2)
        #expect(result.changedStates.isEmpty, "no state yet: every greeting is the same")
    }

    @Test func theAppDeclaresTheEgressItWritesTo() {
        #expect(GreeterApp.app.validate().allSatisfy { $0.severity != .error })
        #expect(GreeterApp.greets.id == "example/greets")
    }
}
