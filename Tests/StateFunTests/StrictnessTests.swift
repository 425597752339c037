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
}
