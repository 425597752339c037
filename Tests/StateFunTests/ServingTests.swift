import StateFun
import StateFunHTTP
import Testing

/// The function endpoint over real loopback sockets: every status the SDK layer produces.
@Suite struct ServingTests {
    static let seen = ValueSpec<Int32>("seen")

    static func app() -> App {
        App {
            Function("test/greeter") {
                seen
                Handle(String.self) { context, name in
                    if name == "boom" { throw StateFunError.invalidArgument("boom requested") }
                    let count = (try context.storage.get(seen) ?? 0) + 1
                    try context.storage.set(seen, count)
                    try context.send(Egress(id: "test/out").record("Hello \(name) \(count)"))
                }
            }
            Endpoint(functions: "test/*", urlPathTemplate: "http://localhost:8000/fn/{function.name}")
        }
    }

    /// Starts the app on an ephemeral port, runs `body` with a client, shuts down.
    static func withServer(_ body: (HTTPClient) async throws -> Void) async throws {
        try await LoopbackServe.with(app(), { _ in }, body)
    }

    static func request(_ name: String, state: Int32? = nil) -> [UInt8] {
        Requests.v3(
            Address("test/greeter", id: "ann"), states: [("seen", state.map(Requests.typed) ?? Requests.empty(Int32.self))],
            [(nil, Requests.typed(name))])
    }

    @Test func everyServerLimitReachesTheHTTPServer() {
        let limits = ServerLimits(
            maxRequestLineBytes: 1001, maxHeaderBytes: 1002, maxHeaderCount: 3, maxBodyBytes: 1004,
            maxConnections: 5, maxBufferedBodyBytes: 1006)
        #expect(
            limits.httpLimits
                == HTTPLimits(
                    maxRequestLineBytes: 1001, maxHeaderBytes: 1002, maxHeaderCount: 3, maxBodyBytes: 1004,
                    maxConnections: 5, maxBufferedBodyBytes: 1006))
        #expect(ServerLimits().httpLimits == HTTPLimits(), "the same defaults")
    }

    @Test func aBodyLargerThanTheBufferedBodyBudgetIsRefusedWith413() async throws {
        let response = try await LoopbackServe.with(Self.app(), { $0.http.limits.maxBufferedBodyBytes = 64 }) {
            try await $0.send(path: "/statefun", body: Self.request("ann", state: 1))
        }
        #expect(Self.request("ann", state: 1).count > 64)
        #expect(response.status == 413)
    }

    @Test func answersTheRuntimeWithExactlyOctetStream() async throws {
        try await Self.withServer { client in
            let response = try await client.send(path: "/statefun", body: Self.request("ann", state: 1))
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/octet-stream")
            let result = try Requests.result(response.body)
            #expect(result.stateMutations.first?.stateValue == Requests.typed(Int32(2)))
            let templated = try await client.send(path: "/fn/greeter", body: Self.request("ann"))
            #expect(templated.status == 200, "paths of the endpoint's {function.name} template are served")
        }
    }

    @Test func statusesNameWhatWasWrong() async throws {
        try await Self.withServer { client in
            let malformed = try await client.send(path: "/statefun", body: [0xFF, 0xFF])
            #expect(malformed.status == 400)
            #expect(String(decoding: malformed.body, as: UTF8.self).contains("malformed"))
            let unknown = try await client.send(
                path: "/statefun", body: Requests.v3(Address("test/nobody", id: "1"), [(nil, Requests.typed("x"))]))
            #expect(unknown.status == 404)
            #expect(String(decoding: unknown.body, as: UTF8.self).contains("test/nobody"))
            let failing = try await client.send(path: "/statefun", body: Self.request("boom"))
            #expect(failing.status == 500)
            #expect(String(decoding: failing.body, as: UTF8.self).contains("boom requested"))
            let wrongMethod = try await client.send(method: "GET", path: "/statefun")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["Allow"] == "POST")
            let nowhere = try await client.send(path: "/elsewhere", body: Self.request("ann"))
            #expect(nowhere.status == 404)
            let after = try await client.send(path: "/statefun", body: Self.request("ann"))
            #expect(after.status == 200, "the server keeps serving after every error")
        }
    }

    @Test func healthReadinessAndDescribe() async throws {
        try await Self.withServer { client in
            #expect(try await client.send(method: "GET", path: "/health").status == 200)
            #expect(try await client.send(method: "GET", path: "/ready").status == 200)
            let describe = try await client.send(method: "GET", path: "/describe")
            #expect(describe.status == 200)
            #expect(String(decoding: describe.body, as: UTF8.self).contains("test/greeter"))
            #expect(try await client.send(method: "POST", path: "/health").status == 405)
        }
    }

    @Test func unixSocketPathsFromOkHttpAreNormalised() {
        #expect(FunctionRouter.normalized("//statefun") == "/statefun")
        #expect(FunctionRouter.normalized("/statefun/") == "/statefun")
        #expect(FunctionRouter.path(ofURL: "http+unix:///var/run/fn.sock/statefun") == "/statefun")
        #expect(FunctionRouter.path(ofURL: "https://fn:8443/a/{function.name}") == "/a/{function.name}")
    }
}
