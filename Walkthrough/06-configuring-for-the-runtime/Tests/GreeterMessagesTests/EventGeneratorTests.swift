import GreeterMessages
import Testing

@Suite struct EventGeneratorTests {
    @Test func recordsAreRequestsKeyedByName() throws {
        var generator = EventGenerator()
        for record in generator.records(50) {
            let request = try GreetRequest.deserialize(from: record.value)
            #expect(request.name == record.key)
            #expect(EventGenerator.defaultNames.contains(record.key))
        }
    }

    @Test func theSameSeedReplaysTheSameRecords() {
        var first = EventGenerator(seed: 7)
        var second = EventGenerator(seed: 7)
        var other = EventGenerator(seed: 8)
        let records = first.records(20)
        #expect(records == second.records(20))
        #expect(records != other.records(20))
    }

    @Test func everyNameComesUpEventually() {
        var generator = EventGenerator(names: ["a", "b", "c"])
        #expect(Set(generator.records(60).map(\.key)) == ["a", "b", "c"])
    }

    @Test func anEmptyCastFallsBackToTheDefaultNames() {
        var generator = EventGenerator(names: [])
        #expect(generator.names == EventGenerator.defaultNames)
        #expect(generator.records(-3).isEmpty)
    }
}
