import StateFun
import StateFunTesting
import Testing

/// Issue 17 item 3: what `validate` rejects, no mode runs; each refusal says what is wrong with validate's words.
@Suite("One strictness in every mode")
struct StrictnessTests {
    /// Two mistakes validate reports as errors: a state name with a '-', an ingress target with a typo.
    static let invalid = App {
        Function("strict/greeter") {
            ValueSpec<Int32>("seen-count")
            Handle(String.self) { _, _ in }
        }
        KafkaIngress(id: "strict/names", address: "kafka:9092") {
            KafkaTopic("names", valueType: String.self, targets: "strict/greter")
        }
    }

    static var errors: [String] { invalid.validate().filter { $0.severity == .error }.map(\.message) }

    @Test func theInvalidAppHasTheTwoErrors() {
        #expect(Self.errors.count == 2, "\(Self.errors)")
    }

    @Test func aLocalRuntimeRunsNoPartOfAnAppThatValidateRejects() async throws {
        let runtime = LocalRuntime.forTesting(app: Self.invalid)
        let refusals: [Result<Void, RuntimeError>] = [
            Result { () throws(RuntimeError) in try runtime.send("hi", to: Address("strict/greeter", id: "ann")) },
            Result { () throws(RuntimeError) in _ = try runtime.ingest(topic: "names", key: "ann", "hi") },
        ]
        for refusal in refusals {
            guard case .failure(.invalidApp(let report)) = refusal else {
                Issue.record("the runtime took a message for an invalid app: \(refusal)")
                continue
            }
            for error in Self.errors { #expect(report.contains(error), "\(report)") }
        }
        await runtime.runUntilIdle()
        #expect(runtime.failures.isEmpty && runtime.state(of: Address("strict/greeter", id: "ann")).isEmpty)
    }

    @Test func theDevServerRefusesToStartAnAppThatValidateRejects() async throws {
        var configuration = DevServerConfiguration()
        configuration.http.port = 0
        let server = DevServer(app: Self.invalid, configuration: configuration, output: DevServerFixture.quiet)
        let started: Result<[ServerAddress], StateFunError>
        do throws(StateFunError) { started = .success(try await server.start()) } catch { started = .failure(error) }
        guard case .failure(.invalidArgument(let report)) = started else {
            Issue.record("the development server started an invalid app: \(started)")
            await server.shutdown()
            return
        }
        for error in Self.errors { #expect(report.contains(error), "\(report)") }
    }

    @Test func aValidAppRunsInTheLocalRuntime() async throws {
        let valid = App {
            Function("strict/greeter") {
                ValueSpec<Int32>("seen_count")
                Handle(String.self) { _, _ in }
            }
        }
        let runtime = LocalRuntime.forTesting(app: valid)
        try await runtime.sendAndWait("hi", to: Address("strict/greeter", id: "ann"))
        try runtime.checkNoFailures()
    }

    // MARK: - What a runtime would refuse, refused by TestInvocation

    /// A function that declares no routing (so the context does not check it) and does what a command says.
    static let loose = App {
        Function("strict/loose") {
            ValueSpec<Int32>("declared")
            Handle(String.self) { context, command in
                switch command {
                case "typo": try context.send("hi", to: Address("strict/greter", id: "x"))
                case "typo-later": try context.send("hi", to: Address("strict/greter", id: "x"), after: .seconds(1))
                case "remote": try context.send("hi", to: Address("remote/pricing", id: "x"))
                case "reply": try context.reply("done")
                case "egress": try context.send(Egress(id: "strict/nowhere").record("lost"))
                case "state": try context.storage.set(ValueSpec<Int32>("undeclared"), 1)
                default: break
                }
            }
        }
        KafkaEgress(id: "strict/out", address: "kafka:9092")
        Endpoint(functions: "strict/*", urlPathTemplate: "http://loose:8000/statefun")
        Endpoint(functions: "remote/*", urlPathTemplate: "http://pricing:8000/statefun")
    }

    static func invokeLoose(_ command: String, caller: Address? = nil) async throws -> InvocationResult {
        try await TestInvocation(app: loose, function: "strict/loose", id: "ann").caller(caller).invoke(with: command)
    }

    @Test func aTestInvocationRefusesAMessageToAFunctionTheAppCannotRoute() async throws {
        #expect(Self.loose.validate().filter { $0.severity == .error }.isEmpty)
        for command in ["typo", "typo-later"] {
            await #expect(throws: RuntimeError.unknownFunction("strict/greter"), "\(command)") {
                try await Self.invokeLoose(command)
            }
        }
        // Served elsewhere, behind an endpoint of functions the app does not declare: routable.
        #expect(try await Self.invokeLoose("remote").sentMessages.map(\.target) == [Address("remote/pricing", id: "x")])
        // The test's caller is whoever the test says; a reply to it is always routable.
        let caller = Address("nowhere/caller", id: "c")
        #expect(try await Self.invokeLoose("reply", caller: caller).sentMessages.map(\.target) == [caller])
    }

    @Test func aTestInvocationRefusesARecordForAnEgressTheAppDoesNotDeclare() async throws {
        await #expect(throws: RuntimeError.undeclaredEgress("strict/nowhere")) { try await Self.invokeLoose("egress") }
    }

    @Test func aHandlerThatUsesAStateItDoesNotDeclareFailsTheFirstTestInvocation() async throws {
        let error = await #expect(throws: StateFunError.self) { try await Self.invokeLoose("state") }
        guard case .handlerFailed(_, _, StateFunError.undeclaredState("strict/loose", "undeclared"))? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
    }

    @Test func aTestInvocationRefusesAMessageItsTargetHasNoHandlerFor() async throws {
        let app = App {
            Function("strict/sender") {
                Handle(String.self) { context, _ in try context.send(Int64(5), to: Address("strict/receiver", id: "r")) }
            }
            Function("strict/receiver") { Handle(String.self) { _, _ in } }
            Function("strict/any") { Otherwise { _, _ in } }
            Function("strict/to-any") {
                Handle(String.self) { context, _ in try context.send(Int64(5), to: Address("strict/any", id: "r")) }
            }
        }
        await #expect(throws: StateFunError.unhandledMessage(function: "strict/receiver", typeName: "io.statefun.types/long")) {
            try await TestInvocation(app: app, function: "strict/sender", id: "s").invoke(with: "go")
        }
        let taken = try await TestInvocation(app: app, function: "strict/to-any", id: "s").invoke(with: "go")
        #expect(taken.sentValues(Int64.self) == [5], "an Otherwise takes anything")
    }
}
