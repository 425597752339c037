import StateFun
import StateFunHTTP
import Synchronization
import Testing

/// The structured log of `serve` against a real loopback server: start, failed batches, limit hits, shutdown.
@Suite struct ServeLoggingTests {
    /// Lines as the built-in writer formats them, kept in order.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    /// Serves `ServingTests.app()` on an ephemeral port with the log going to `lines`, runs `body`, shuts down.
    static func withServer(
        format: LogFormat = .logfmt, level: LogLevel = .info, maxInvocations: Int = 1000,
        _ body: (HTTPClient) async throws -> Void
    ) async throws -> [String] {
        let lines = Lines()
        try await LoopbackServe.with(ServingTests.app(), { configuration in
            configuration.batchLimits.maxInvocations = maxInvocations
            configuration.logSink = StructuredLogWriter(format: format) { lines.append($0) }
            configuration.logLevel = level
        }, body)
        return lines.all
    }

    @Test func aFailingBatchLogsExactlyOneLineNamingFunctionIdAndError() async throws {
        let lines = try await Self.withServer { client in
            let good = try await client.send(path: "/statefun", body: ServingTests.request("ann"))
            let bad = try await client.send(path: "/statefun", body: ServingTests.request("boom"))
            #expect(good.status == 200 && bad.status == 500)
        }
        let failed = lines.filter { $0.contains("msg=\"batch failed\"") }
        try #require(failed.count == 1, "\(lines)")
        let line = failed[0]
        for field in [
            "level=error", "function=test/greeter", "id=ann", "error=\"boom requested\"", "invocations=1", "invocation=0",
            "kind=transient", "policy=retry",
        ] {
            #expect(line.contains(" \(field)"), "\(field) in \(line)")
        }
        #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false, "one line")
        #expect(lines.count == 3, "start, the failure, shutdown; a succeeded batch logs nothing at info: \(lines)")
    }

    @Test func startAndShutdownNameAddressProtocolFunctionsLimitsAndCounts() async throws {
        let lines = try await Self.withServer { client in
            _ = try await client.send(path: "/statefun", body: ServingTests.request("ann"))
            _ = try await client.send(path: "/statefun", body: ServingTests.request("boom"))
        }
        let start = try #require(lines.first)
        #expect(start.contains("msg=\"server started\"") && start.contains("level=info"))
        #expect(start.contains(" address=127.0.0.1:") && start.contains("/statefun"))
        #expect(start.contains(" protocol=v3") || start.contains(" protocol=3"), "\(start)")
        #expect(start.contains(" functions=test/greeter") && start.contains(" max_body_bytes="))
        #expect(start.contains(" max_invocations=1000"))
        let stop = try #require(lines.last)
        #expect(stop.contains("msg=\"server stopped\"") && stop.contains(" batches=2") && stop.contains(" failed_batches=1"))
    }

    @Test func jsonLinesCarryTheSameFields() async throws {
        let lines = try await Self.withServer(format: .json) { client in
            _ = try await client.send(path: "/statefun", body: ServingTests.request("boom"))
        }
        let failed = lines.filter { $0.contains("\"msg\":\"batch failed\"") }
        #expect(failed.count == 1)
        #expect(failed.first?.contains("\"function\":\"test/greeter\",\"id\":\"ann\"") == true, "\(failed)")
    }

    @Test func theMissingStateHandshakeIsLoggedAtDebugOnly() async throws {
        let missing = Requests.v3(Address("test/greeter", id: "ann"), [(nil, Requests.typed("ann"))])
        let info = try await Self.withServer { client in
            _ = try await client.send(path: "/statefun", body: missing)
        }
        #expect(!info.contains { $0.contains("missing state") })
        let debug = try await Self.withServer(level: .debug) { client in
            _ = try await client.send(path: "/statefun", body: missing)
        }
        let line = try #require(debug.first { $0.contains("msg=\"missing state\"") })
        #expect(line.contains("level=debug") && line.contains(" states=seen") && line.contains(" id=ann"))
    }

    @Test func aBatchOverTheInvocationLimitLogsALimitHitWarning() async throws {
        let lines = try await Self.withServer(maxInvocations: 1) { client in
            let body = Requests.v3(
                Address("test/greeter", id: "ann"), states: [("seen", Requests.empty(Int32.self))],
                [(nil, Requests.typed("a")), (nil, Requests.typed("b"))])
            let refused = try await client.send(path: "/statefun", body: body)
            #expect(refused.status == 413)
        }
        let hit = try #require(lines.first { $0.contains("msg=\"limit hit\"") }, "\(lines)")
        #expect(hit.contains("level=warning") && hit.contains(" status=413") && hit.contains(" limit=max_invocations"))
    }

    @Test func logLevelComesFromTheOptionThenTheEnvironmentThenInfo() throws {
        let output = CommandOutput(standardOutput: { _ in }, standardError: { _ in })
        func level(_ option: String?, _ variable: String?) -> LogLevel? {
            var values = ["log-format": "logfmt"]
            if let option { values["log-level"] = option }
            let result = AppCommand.logSettings(CommandArguments(values: values), output: output) { name in
                name == "STATEFUN_LOG_LEVEL" ? variable : nil
            }
            return try? result.get().level
        }
        #expect(level(nil, nil) == .info)
        #expect(level(nil, "debug") == .debug)
        #expect(level(nil, "WARN") == .warning)
        #expect(level("error", "debug") == .error)
        #expect(level(nil, "loud") == nil, "a variable naming no level is an error")
        #expect(level("loud", nil) == nil, "so is an option naming none")
    }
}
