// The smoke interpreter behind the built-in HTTP server, as `statefun-conformance smoke` serves it, driven the way
// upstream's harness drives it: the local runtime posts ToFunction bytes to `/` over loopback HTTP.

import StateFun
import StateFunHTTP
import StateFunSmoke
import Testing
import StateFunProtocol

@Suite struct SmokeServingTests {
    /// Serves ``SmokeInterpreter/app(url:)`` on an ephemeral port, as the `smoke` command does, around `body`.
    static func withServer(_ body: (Int) async throws -> Void) async throws {
        try await LoopbackServe.withPort(SmokeInterpreter.app(), { _ in }, body)
    }

    @Test(arguments: ["/", "/statefun"])
    func theDriverPassesOverHTTP(_ path: String) async throws {
        try await Self.withServer { port in
            var driver = SmokeDriver()
            driver.remoteEndpoints = [
                FunctionEndpoint(
                    functions: "statefun.smoke.e2e/command-interpreter-fn", urlPathTemplate: "http://127.0.0.1:\(port)\(path)",
                    maxNumBatchRequests: 10_000)
            ]
            var parameters = SmokeParameters()
            parameters.instances = 16
            parameters.messages = 300
            parameters.seed = 11
            let report = try await driver.run(parameters)
            #expect(report.problems == [])
            #expect(report.results.count == 16)
            #expect(report.counts.sends > 0 && report.counts.delayedSends > 0 && report.counts.cancelledSends > 0)
        }
    }

    @Test func answersWhatTheRuntimeExpects() async throws {
        try await Self.withServer { port in
            let client = try HTTPClient(host: "127.0.0.1", port: port)
            defer { client.close() }
            func request(_ typename: String, _ value: [UInt8], function: TypeName = SmokeE2E.functionType) -> [UInt8] {
                ToFunctionV3(
                    invocation: .init(
                        target: Address(function, id: "3"),
                        state: [.init(stateName: "state", stateValue: nil)],
                        invocations: [.init(argument: TypedValue(typename: typename, hasValue: true, value: value))])
                ).serialized()
            }
            let verify = SourceCommand(target: 3, commands: Commands([.increment, .verify(1)])).serializedBytes()

            let ok = try await client.send(path: "/", body: request("statefun.smoke.e2e/source-command", verify))
            #expect(ok.status == 200)
            #expect(ok.headers["Content-Type"] == "application/octet-stream")
            guard case .invocationResult(let result) = try FromFunctionV3(serialized: ok.body).response else {
                Issue.record("expected an invocation result")
                return
            }
            #expect(try VerificationResult.decode(result.outgoingEgresses.last?.argument?.value ?? [])
                == VerificationResult(id: 3, expected: 1, actual: 1))

            let failing = try await client.send(path: "/", body: request("io.statefun.types/string", []))
            #expect(failing.status == 500, "a handler failure is retried by the runtime")
            #expect(String(decoding: failing.body, as: UTF8.self).contains("io.statefun.types/string"))
            #expect(try await client.send(path: "/", body: [0x0A, 0x7F]).status == 400)
            let unknown = request("statefun.smoke.e2e/commands", [], function: "statefun.smoke.e2e/other")
            #expect(try await client.send(path: "/statefun", body: unknown).status == 404)
            #expect(try await client.send(path: "/smoke", body: unknown).status == 404)
            #expect(try await client.send(method: "GET", path: "/").status == 405)
        }
    }

    @Test func theAppDeclaresWhatUpstreamsHarnessModuleYAMLSays() {
        let app = SmokeInterpreter.app()
        #expect(app.validate().filter { $0.severity == .error } == [])
        #expect(app.functionTypes == ["statefun.smoke.e2e/command-interpreter-fn"])
        // statefun-smoke-e2e-multilang-harness/src/test/resources/module.yaml, without its license header.
        let yaml = app.moduleYAML()
        #expect(yaml.contains("kind: io.statefun.endpoints.v2/http"))
        #expect(yaml.contains("functions: statefun.smoke.e2e/command-interpreter-fn"))
        #expect(yaml.contains("urlPathTemplate: http://localhost:8000\n"))
        #expect(yaml.contains("maxNumBatchRequests: 10000"))
    }
}
