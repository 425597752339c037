import Greeter
import GreeterMessages
import StateFun
import StateFunTesting
import Testing

@Suite struct FirstFunctionTests {
    @Test func theAppDeclaresTheGreeter() {
        #expect(GreeterApp.app.functionTypes == ["example/greeter"])
        #expect(GreeterApp.greeter.typeName == "example/greeter")
        #expect(GreeterApp.app.validate().allSatisfy { $0.severity != .error })
    }

    @Test func aGreetRequestIsAccepted() async throws {
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Jerry")
            .invoke(with: GreetRequest(name: "Jerry"))
        #expect(result.address == GreeterApp.greeter("Jerry").address)
        #expect(result.sentMessages.isEmpty)
        #expect(result.egressRecords.isEmpty)
        #expect(result.changedStates.isEmpty)
    }

    @Test func anotherMessageTypeIsRefused() async {
        await #expect(throws: StateFunError.self) {
            _ = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Jerry")
                .invoke(with: "Jerry")
        }
    }
}
