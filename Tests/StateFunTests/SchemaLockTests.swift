// The schema lock (`schema`, `validate --against`): the lock of the example shop app as a golden, read back equal;
// breaking changes reported as errors and additions as notes; malformed lock files as errors naming the field.

import Foundation
import StateFun
import Testing

@Suite struct SchemaLockTests {
    static let balance = ValueSpec<Int64>("balance", expireAfterWrite: .seconds(3600))
    static let out = KafkaEgress(id: "bank/out", address: "kafka:9092")

    /// A small bank: the deployed version every change below is compared with.
    static let deployed = App {
        Function("bank/account") {
            balance
            Handle(String.self) { _, _ in }
            Emits(out)
        }
        KafkaIngress(id: "bank/in", address: "kafka:9092") {
            KafkaTopic("deposits", valueType: String.self, targets: "bank/account")
        }
        out
        Endpoint(functions: "bank/*", urlPathTemplate: "http://bank:8000/{function.name}")
    }

    static func diagnostics(_ app: App, since lock: App = deployed) -> [Diagnostic] {
        app.schemaLock.changes(since: lock.schemaLock)
    }

    @Test func lockOfTheShopAppMatchesGolden() throws {
        try ModuleYAMLTests.golden("schema-shop.lock.json", ExampleApps.shop.schemaLock.rendered())
    }

    @Test func lockReadsBackEqual() throws {
        for app in [ExampleApps.shop, ExampleApps.bare, Self.deployed] {
            #expect(try SchemaLock(parsing: app.schemaLock.rendered()) == app.schemaLock)
        }
    }

    @Test func unchangedAppHasNoChanges() {
        #expect(Self.diagnostics(Self.deployed).isEmpty)
    }

    @Test func stateTypenameChangeIsAnError() {
        let changed = App {
            Function("bank/account") {
                ValueSpec<String>("balance", expireAfterWrite: .seconds(3600))
                Handle(String.self) { _, _ in }
                Emits(Self.out)
            }
            KafkaIngress(id: "bank/in", address: "kafka:9092") {
                KafkaTopic("deposits", valueType: String.self, targets: "bank/account")
            }
            Self.out
        }
        let found = Self.diagnostics(changed)
        #expect(found.map(\.code) == ["schema-state-type-changed"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.message.contains("'balance'") == true)
        #expect(found.first?.message.contains("from io.statefun.types/long to io.statefun.types/string") == true)
    }

    @Test func addedFunctionPassesWithANote() {
        let grown = App {
            Function("bank/account") {
                Self.balance
                Handle(String.self) { _, _ in }
                Emits(Self.out)
            }
            Function("bank/audit") { Otherwise { _, _ in } }
            KafkaIngress(id: "bank/in", address: "kafka:9092") {
                KafkaTopic("deposits", valueType: String.self, targets: "bank/account")
            }
            Self.out
        }
        let found = Self.diagnostics(grown)
        #expect(found.map(\.code) == ["schema-function-added"])
        #expect(found.allSatisfy { $0.severity == .note })
    }

    @Test func removalsThatBreakDataOrRoutesAreErrors() {
        // The state, the routed handler and the egress are gone; a new handler, state and egress came.
        let other = KafkaEgress(id: "bank/out2", address: "kafka:9092")
        let shrunk = App {
            Function("bank/account") {
                ValueSpec<Int64>("total")
                Handle(Bool.self) { _, _ in }
                Emits(other)
            }
            KafkaIngress(id: "bank/in", address: "kafka:9092") {
                KafkaTopic("deposits", valueType: String.self, targets: "bank/account")
            }
            other
        }
        let found = Self.diagnostics(shrunk)
        #expect(
            Set(found.filter { $0.severity == .error }.map(\.code))
                == ["schema-state-removed", "schema-handler-removed", "schema-egress-removed"])
        #expect(
            Set(found.filter { $0.severity == .note }.map(\.code))
                == ["schema-state-added", "schema-handler-added", "schema-emits-added", "schema-egress-added"])
    }

    @Test func removedFunctionAndRetypedTopicAreErrors() {
        let gone = App {
            Function("bank/ledger") { Handle(Int64.self) { _, _ in } }
            KafkaIngress(id: "bank/in", address: "kafka:9092") {
                KafkaTopic("deposits", valueType: Int64.self, targets: "bank/ledger")
            }
            Self.out
        }
        let errors = Self.diagnostics(gone).filter { $0.severity == .error }
        #expect(Set(errors.map(\.code)) == ["schema-function-removed", "schema-route-type-changed"])
        #expect(errors.contains { $0.message.contains("ingresses still route io.statefun.types/string to it") })
    }

    @Test func changesAreSortedErrorsFirst() {
        let found = Self.diagnostics(ExampleApps.shop)
        #expect(found.map(\.severity) == found.map(\.severity).sorted())
        #expect(found.contains { $0.severity == .error } && found.contains { $0.severity == .note })
    }

    // MARK: - Malformed lock files

    static func parseError(_ text: String) -> SchemaLockError? {
        do {
            _ = try SchemaLock(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func brokenJSONIsASyntaxError() {
        guard case .syntax(let detail) = Self.parseError("{\n  \"version\": 1,\n  \"functions\": {,\n}") else {
            Issue.record("expected a syntax error")
            return
        }
        // The stray ',' is the 17th character of line 3.
        #expect(detail.hasPrefix("line 3, column 17: "), "\(detail)")
    }

    @Test(arguments: [
        ("[]", "the top level must be an object"),
        ("{\"version\": 1, \"ingresses\": {}, \"egresses\": {}}", "functions is missing"),
        (
            "{\"version\": 1, \"functions\": {\"a/b\": {\"handles\": [], \"catchAll\": 1, \"states\": {}, \"emits\": []}}, \"ingresses\": {}, \"egresses\": {}}",
            "functions[\"a/b\"].catchAll must be true or false"
        ),
        (
            "{\"version\": 1, \"functions\": {\"a/b\": {\"handles\": [], \"catchAll\": false, \"states\": {\"s\": {\"type\": 3, \"expiration\": \"none\"}}, \"emits\": []}}, \"ingresses\": {}, \"egresses\": {}}",
            "functions[\"a/b\"].states[\"s\"].type must be a string"
        ),
        (
            "{\"version\": 1, \"functions\": {}, \"ingresses\": {\"a/in\": {\"kind\": \"kafka\", \"routes\": [{\"topic\": \"t\", \"targets\": []}]}}, \"egresses\": {}}",
            "ingresses[\"a/in\"].routes[0].valueType is missing"
        ),
        (
            "{\"version\": 1, \"functions\": {\"a/b\": {\"handles\": [\"x\", 2], \"catchAll\": false, \"states\": {}, \"emits\": []}}, \"ingresses\": {}, \"egresses\": {}}",
            "functions[\"a/b\"].handles[1] must be a string"
        ),
    ])
    func wrongFieldsAreNamed(text: String, expected: String) {
        #expect(Self.parseError(text)?.description == "the schema lock's field \(expected)")
    }

    @Test func unknownVersionIsRefused() {
        #expect(Self.parseError("{\"version\": 2, \"functions\": {}, \"ingresses\": {}, \"egresses\": {}}") == .unsupportedVersion("2"))
        #expect(Self.parseError("{\"functions\": {}}") == .field("version", problem: "is missing"))
    }

    // MARK: - Commands

    func run(_ app: App, _ arguments: [String]) async -> (status: Int32, out: String, err: String) {
        let captured = CapturedOutput()
        let status = await app.runCommandLine(
            arguments: ["/usr/local/bin/bank"] + arguments, commands: [], defaultCommand: nil, output: captured.output)
        return (status, captured.standardOutput, captured.standardError)
    }

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("schema-lock-\(UUID().uuidString)-\(name)").path
    }

    @Test func schemaWritesTheLockAndValidateComparesWithIt() async throws {
        let path = temporaryPath("bank.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let printed = await run(Self.deployed, ["schema"])
        #expect(printed.status == 0 && printed.out == Self.deployed.schemaLock.rendered())
        let written = await run(Self.deployed, ["schema", "--output", path])
        #expect(written.status == 0 && written.out.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == printed.out)

        let same = await run(Self.deployed, ["validate", "--against", path])
        #expect(same.status == 0 && same.out == "no problems found\n")
        let retyped = App {
            Function("bank/account") {
                ValueSpec<String>("balance", expireAfterWrite: .seconds(3600))
                Handle(String.self) { _, _ in }
                Emits(Self.out)
            }
            KafkaIngress(id: "bank/in", address: "kafka:9092") {
                KafkaTopic("deposits", valueType: String.self, targets: "bank/account")
            }
            Self.out
            Endpoint(functions: "bank/*", urlPathTemplate: "http://bank:8000/{function.name}")
        }
        let broken = await run(retyped, ["validate", "--against", path])
        #expect(broken.status == 1)
        #expect(broken.out.hasPrefix("error: state 'balance' of function bank/account changed type"))
        #expect(broken.out.hasSuffix("1 error, 0 warnings\n"))
    }

    @Test func unreadableOrMalformedLockFailsValidateWithoutCrashing() async throws {
        let missing = await run(Self.deployed, ["validate", "--against", "/nonexistent/lock.json"])
        #expect(missing.status == 1 && missing.err.hasPrefix("error: cannot read the schema lock /nonexistent/lock.json"))
        let path = temporaryPath("bad.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"version\": 1, \"functions\": []}".write(toFile: path, atomically: true, encoding: .utf8)
        let malformed = await run(Self.deployed, ["validate", "--against", path])
        #expect(malformed.status == 1)
        #expect(malformed.err == "error: the schema lock's field functions must be an object\n")
    }
}
