import InMemoryLogging
import Logging
import StateFun
import StateFunObservability
import Testing

@Suite struct SwiftLogBridgeTests {
    @Test func aFailedBatchReachesTheLoggerAsAnErrorWithItsFieldsAsMetadata() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let runtime = ObservedApp.runtime(LoggingInstrumentation(logger: logger))
        defer { runtime.shutDown() }
        try runtime.send("ann", to: Address(ObservedApp.function, id: "a"))
        try runtime.send("boom", to: Address(ObservedApp.function, id: "b"))
        await runtime.runUntilIdle()

        let failed = handler.entries.filter { $0.message.description == "batch failed" }
        #expect(failed.count == 1, "\(handler.entries)")
        let entry = try #require(failed.first)
        #expect(entry.level == .error)
        #expect(entry.metadata["function"] == "test/echo")
        #expect(entry.metadata["id"] == "b")
        #expect(entry.metadata["error"]?.description.contains("boom requested") == true)
        #expect(entry.metadata["kind"] == "transient")
        #expect(entry.metadata["policy"] == "retry")
        #expect(entry.metadata["invocation"] == "0")
    }

    @Test func aDiscardedInvocationIsAWarningNamingThePolicy() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let runtime = ObservedApp.runtime(LoggingInstrumentation(logger: logger))
        defer { runtime.shutDown() }
        try runtime.send("poison", to: Address(ObservedApp.lenient, id: "e"))
        await runtime.runUntilIdle()
        let entry = try #require(handler.entries.first { $0.message.description == "invocation discarded" }, "\(handler.entries)")
        #expect(entry.level == .warning && entry.metadata["policy"] == "discard" && entry.metadata["kind"] == "permanent")
        #expect(!handler.entries.contains { $0.message.description == "batch failed" })
    }

    @Test func theLoggersLevelFiltersTheSDKsEvents() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .debug
        let runtime = ObservedApp.runtime(LoggingInstrumentation(logger: logger))
        defer { runtime.shutDown() }
        try runtime.send("ann", to: Address(ObservedApp.function, id: "a"))
        await runtime.runUntilIdle()
        let done = try #require(handler.entries.first { $0.message.description == "batch done" }, "\(handler.entries)")
        #expect(done.level == .debug && done.metadata["id"] == "a" && done.metadata["invocations"] == "1")

        let quiet = InMemoryLogHandler()
        var warnings = Logger(label: "test") { _ in quiet }
        warnings.logLevel = .warning
        let second = ObservedApp.runtime(LoggingInstrumentation(logger: warnings))
        defer { second.shutDown() }
        try second.send("ann", to: Address(ObservedApp.function, id: "a"))
        await second.runUntilIdle()
        #expect(quiet.entries.isEmpty, "\(quiet.entries)")
    }

    @Test func everyLevelMapsToSwiftLogsLevelOfTheSameName() {
        for level in StateFun.LogLevel.allCases {
            #expect(Logger.Level(level).rawValue == level.rawValue)
            #expect(StateFun.LogLevel(Logger.Level(level)) == level)
        }
    }
}
