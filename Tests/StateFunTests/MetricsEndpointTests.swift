import StateFun
import StateFunHTTP
import Testing

/// `GET /metrics` on the built-in server: Prometheus text whose counters move as batches succeed and fail.
@Suite struct MetricsEndpointTests {
    /// The value of the sample `name{labels}` in a 0.0.4 exposition, or nil.
    static func sample(_ text: String, _ name: String, _ labels: [String: String] = [:]) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let series = line[..<space]
            let brace = series.firstIndex(of: "{") ?? series.endIndex
            guard series[..<brace] == name else { continue }
            if labels.allSatisfy({ series.contains("\($0.key)=\"\($0.value)\"") }) {
                return Double(line[line.index(after: space)...])
            }
        }
        return nil
    }

    static func withServer(
        _ configure: (inout ServeConfiguration) -> Void = { _ in }, _ body: (HTTPClient) async throws -> Void
    ) async throws {
        try await LoopbackServe.with(ServingTests.app(), configure, body)
    }

    @Test func countersMoveAsBatchesSucceedAndFail() async throws {
        try await Self.withServer { client in
            let before = try await client.send(method: "GET", path: "/metrics")
            #expect(before.status == 200)
            #expect(before.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
            let text0 = String(decoding: before.body, as: UTF8.self)
            let fn = ["function": "test/greeter"]
            #expect(Self.sample(text0, "statefun_batches_total", fn.merging(["outcome": "success"]) { $1 }) == 0)
            _ = try await client.send(path: "/statefun", body: ServingTests.request("ann", state: 1))
            _ = try await client.send(path: "/statefun", body: ServingTests.request("bob", state: 1))
            _ = try await client.send(path: "/statefun", body: ServingTests.request("boom"))
            let text = String(decoding: try await client.send(method: "GET", path: "/metrics").body, as: UTF8.self)
            #expect(Self.sample(text, "statefun_batches_total", fn.merging(["outcome": "success"]) { $1 }) == 2)
            #expect(Self.sample(text, "statefun_batches_total", fn.merging(["outcome": "failure"]) { $1 }) == 1)
            #expect(Self.sample(text, "statefun_invocation_failures_total", fn.merging(["kind": "transient"]) { $1 }) == 1)
            #expect(Self.sample(text, "statefun_egress_records_total", fn.merging(["egress": "test/out"]) { $1 }) == 2)
            #expect(Self.sample(text, "statefun_invocations_total", fn) == 3)
            #expect(Self.sample(text, "statefun_batch_size_count", fn) == 3)
            #expect(Self.sample(text, "statefun_batch_duration_seconds_count", fn) == 3)
            #expect(Self.sample(text, "statefun_request_bytes_bucket", fn.merging(["le": "+Inf"]) { $1 }) == 3)
            #expect(Self.sample(text, "statefun_inflight_batches", fn) == 0)
            #expect(Self.sample(text, "statefun_http_open_connections") == 1, "this client's connection")
        }
    }

    @Test func theRegistryIsTheOneTheConfigurationGaveAndReadableInCode() async throws {
        let registry = MetricsRegistry()
        try await Self.withServer({ $0.metrics = registry }) { client in
            _ = try await client.send(path: "/statefun", body: ServingTests.request("ann", state: 1))
        }
        let batches = try #require(registry.family("statefun_batches_total"))
        #expect(batches.series(["function": "test/greeter", "outcome": "success"])?.value == .number(1))
    }

    @Test func withoutMetricsThereIsNoRoute() async throws {
        try await Self.withServer({ $0.metrics = nil }) { client in
            let response = try await client.send(method: "GET", path: "/metrics")
            #expect(response.status == 404)
        }
    }
}
