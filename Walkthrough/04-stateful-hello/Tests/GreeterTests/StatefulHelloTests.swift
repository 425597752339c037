import Greeter
import GreeterMessages
import StateFun
import StateFunTesting
import Testing

@Suite struct StatefulHelloTests {
    @Test func theGreetingDependsOnTheCount() {
        let greetings = (1...5).map { GreeterApp.computeGreeting(name: "Kramer", seen: $0).greeting }
        #expect(
            greetings == [
                "Welcome Kramer", "Nice to see you again Kramer", "Third time is a charm Kramer",
                "Nice to see you at the 4-nth time Kramer!", "Nice to see you at the 5-nth time Kramer!",
            ])
        #expect(GreeterApp.computeGreeting(name: "Kramer", seen: 2).name == "Kramer")
    }

    @Test func aFirstVisitStoresOne() async throws {
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Frank")
            .invoke(with: GreetRequest(name: "Frank"))
        #expect(result.state(GreeterApp.seenCount) == SeenCount(seen: 1))
        #expect(result.changedStates == ["seen_count"])
        #expect(try result.egressRecords.first?.value(as: GreetResponse.self).greeting == "Welcome Frank")
    }

    @Test func theStoredCountGoesUpByOne() async throws {
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Frank")
            .state(GreeterApp.seenCount, SeenCount(seen: 3))
            .invoke(with: GreetRequest(name: "Frank"))
        #expect(result.state(GreeterApp.seenCount) == SeenCount(seen: 4))
        #expect(
            try result.egressRecords.first?.value(as: GreetResponse.self).greeting
                == "Nice to see you at the 4-nth time Frank!")
    }

    @Test func theCountStopsAtTheLargestValue() async throws {
        let result = try await TestInvocation(app: GreeterApp.app, function: "example/greeter", id: "Frank")
            .state(GreeterApp.seenCount, SeenCount(seen: .max))
            .invoke(with: GreetRequest(name: "Frank"))
        #expect(result.state(GreeterApp.seenCount) == SeenCount(seen: .max))
    }

    @Test func eachNameHasItsOwnCount() async throws {
        // The local runtime keeps state per address between calls, as StateFun does.
        let runtime = LocalRuntime.forTesting(app: GreeterApp.app)
        for name in ["Jerry", "George", "Jerry", "Jerry", "George", "Jerry"] {
            try await runtime.sendAndWait(GreetRequest(name: name), to: GreeterApp.greeter(name))
        }
        try runtime.checkNoFailures()
        let greetings = try runtime.egressRecords(topic: "greetings").map { try $0.value(as: GreetResponse.self).greeting }
        #expect(
            greetings == [
                "Welcome Jerry", "Welcome George", "Nice to see you again Jerry", "Third time is a charm Jerry",
                "Nice to see you again George", "Nice to see you at the 4-nth time Jerry!",
            ])
        #expect(runtime.value(GreeterApp.seenCount, of: GreeterApp.greeter("Jerry")) == SeenCount(seen: 4))
        #expect(runtime.value(GreeterApp.seenCount, of: GreeterApp.greeter("George")) == SeenCount(seen: 2))
        #expect(runtime.value(GreeterApp.seenCount, of: GreeterApp.greeter("Elaine")) == nil)
    }
}
