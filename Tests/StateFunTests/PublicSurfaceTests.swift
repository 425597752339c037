#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import StateFun
import StateFunTesting
import Testing

/// The one way to do each thing (issue 13): state verbs by name, decoding a message, egress sends through a
/// handle, integers as `long`, the handler's own error kept as the cause.
@Suite("Public surface: one way to do each thing")
struct PublicSurfaceTests {
    static let counter = ValueSpec<Int64>("counter")
    static let audit = Egress(id: "example/audit")

    enum AuditError: Error, Equatable { case refused(String) }

    static let app = App {
        Function("example/surface") {
            counter
            Handle(String.self) { context, command in
                switch command {
                case "by-name":
                    let before = try context.storage.get(named: "counter")
                    try context.storage.set(Int64(41), named: "counter")
                    try context.send(audit.record(before == nil ? "empty" : "set"))
                    guard let after = try context.storage.get(named: "counter") else { throw AuditError.refused("lost") }
                    try context.send(audit.record(after))
                case "delete-by-name": try context.storage.delete(named: "counter")
                case "integers":
                    try context.send(5, to: Address("example/counts", id: "other"))
                    let count = 6
                    try context.send(count, to: Address("example/counts", id: "other"))
                case "refuse": throw AuditError.refused("no")
                default: break
                }
            }
        }
        Function("example/counts") { Handle(Int64.self) { _, _ in } }
    }

    @Test func namedStateHasTheSameVerbsAsTypedState() async throws {
        let written = try await TestInvocation(app: Self.app, function: "example/surface", id: "a").invoke(with: "by-name")
        #expect(written.state(Self.counter) == 41)
        #expect(written.egressRecords.first?.text == "empty")
        let forwarded = try #require(written.egressRecords.last)
        #expect(try forwarded.value(as: Int64.self) == 41, "the undecoded state value was forwarded as it is")

        let deleted = try await TestInvocation(app: Self.app, function: "example/surface", id: "a")
            .state(Self.counter, 3).invoke(with: "delete-by-name")
        #expect(deleted.changedStates == ["counter"])
        #expect(deleted.state(Self.counter) == nil)
    }

    @Test func integerLiteralsAndIntValuesTravelAsLongs() async throws {
        let result = try await TestInvocation(app: Self.app, function: "example/surface", id: "a").invoke(with: "integers")
        #expect(result.sentMessages.map(\.message.typeName) == ["io.statefun.types/long", "io.statefun.types/long"])
        #expect(result.sentValues(Int64.self) == [5, 6])
    }

    @Test func decodeThrowsForNoValueAnotherTypeOrBadBytes() throws {
        #expect(try Message("hi").decode(String.self) == "hi")
        #expect(throws: StateFunError.self) { try Message("hi").decode(Int64.self) }
        #expect(throws: StateFunError.self) { try Message(typeName: "io.statefun.types/string", bytes: nil).decode(String.self) }
        #expect(throws: StateFunError.self) { try Message(typeName: "io.statefun.types/long", bytes: [0xFF]).decode(Int64.self) }
    }

    @Test func aHandlersOwnErrorIsKeptAsTheUnderlyingCause() async throws {
        do {
            _ = try await TestInvocation(app: Self.app, function: "example/surface", id: "a").invoke(with: "refuse")
            Issue.record("the handler's error was not reported")
        } catch StateFunError.handlerFailed(let function, let id, let underlying) {
            #expect(function == "example/surface" && id == "a")
            #expect(underlying as? AuditError == .refused("no"))
        }
    }

    @Test func endpointKeysAreModuleYAMLs() {
        let app = App {
            Function("example/surface") { Otherwise { _, _ in } }
            Endpoint(functions: .namespace("example"), urlPathTemplate: "http://s:8000/{function.name}", maxNumBatchRequests: 7)
        }
        #expect(app.moduleYAML().contains("functions: example/*"))
        #expect(app.moduleYAML().contains("maxNumBatchRequests: 7"))
        #expect(TypeNamePattern.function("example/surface").text == "example/surface")
    }
}

/// The deprecated helpers below, called through this protocol so that the test itself uses nothing deprecated.
private protocol OldSpellings {
    static func oldSpellings() async throws -> (InvocationResult, String)
    static func oldDecode() throws -> (String?, String?)
    static func oldHandlerFailed() -> StateFunError
    static func oldFunctionEndpoint() -> FunctionEndpoint
}

/// The spellings the one way replaced still compile and still work (deprecated, not removed). The tests call
/// them from deprecated helpers through ``OldSpellings``, so the suite builds without warnings.
@Suite("Public surface: deprecated spellings keep working")
struct DeprecatedSpellingTests: OldSpellings {
    @available(*, deprecated)
    static let app = App {
        Function("example/old") {
            PublicSurfaceTests.counter
            Handle(String.self) { context, _ in
                let before = try context.storage.value(named: "counter")
                try context.storage.setValue(Int64(2), named: "counter")
                try context.send(before == nil ? "empty" : "set", toEgress: "example/audit")
                try context.send(EgressRecord.kafka(egress: "example/k", topic: "t", value: "v"))
                try context.send(EgressRecord.value(egress: "example/audit", "typed"))
                try context.send(Message("raw"), toEgress: "example/audit")
            }
        }
        Endpoint(functions: "example/*", url: "http://old:8000/statefun", maxBatchSize: 9)
    }

    @available(*, deprecated)
    static func oldSpellings() async throws -> (InvocationResult, String) {
        let result = try await TestInvocation(app: app, function: "example/old", id: "a").invoke(with: "go")
        return (result, app.moduleYAML())
    }

    @available(*, deprecated)
    static func oldDecode() throws -> (String?, String?) {
        (try Message("x").as(String.self), try Message(typeName: "io.statefun.types/string", bytes: nil).as(String.self))
    }

    @available(*, deprecated)
    static func oldHandlerFailed() -> StateFunError {
        .handlerFailed(function: "a/b", id: "1", reason: "boom")
    }

    @available(*, deprecated)
    static func oldFunctionEndpoint() -> FunctionEndpoint {
        FunctionEndpoint(functions: "example/*", url: "http://old:8000/{function.name}", maxNumBatchRequests: 7)
    }

    @Test func theyStillDoWhatTheyDid() async throws {
        let old: any OldSpellings.Type = Self.self
        let (result, yaml) = try await old.oldSpellings()
        #expect(result.state(PublicSurfaceTests.counter) == 2)
        #expect(result.egressRecords.map(\.text) == ["empty", "v", "typed", "raw"])
        #expect(yaml.contains("urlPathTemplate: http://old:8000/statefun") && yaml.contains("maxNumBatchRequests: 9"))
        #expect(try old.oldDecode() == ("x", nil))
        #expect(old.oldHandlerFailed() == .handlerFailed(function: "a/b", id: "1", underlying: StateFunError.invalidArgument("boom")))
        #expect(
            old.oldFunctionEndpoint()
                == FunctionEndpoint(
                    functions: .namespace("example"), urlPathTemplate: "http://old:8000/{function.name}",
                    maxNumBatchRequests: 7))
    }
}
