import StateFun
import StateFunHTTP
import Testing

/// The development server and generated protobuf messages (here a well-known type): JSON bodies in, JSON out.
@Suite struct DevServerJSONTests {
    static let last = ValueSpec<Google_Protobuf_Timestamp>("last")

    static let app = App {
        Function("devjson/stamp") {
            last
            Handle(Google_Protobuf_Timestamp.self) { context, stamp in try context.storage.set(last, stamp) }
        }
        Function("devjson/text") {
            Handle(String.self) { _, _ in }
        }
    }

    func withServer(_ body: (HTTPClient) async throws -> Void) async throws {
        var configuration = DevServerConfiguration()
        configuration.http.port = 0
        let server = DevServer(
            app: Self.app, configuration: configuration,
            output: CommandOutput(standardOutput: { _ in }, standardError: { _ in }))
        let port = try #require(try await server.start().first?.port)
        let client = try HTTPClient(host: "127.0.0.1", port: port)
        do {
            try await body(client)
        } catch {
            client.close()
            await server.shutdown()
            throw error
        }
        client.close()
        await server.shutdown()
    }

    func post(_ client: HTTPClient, _ path: String, _ json: String) async throws -> HTTPResponse {
        try await client.send(path: path, headers: ["Content-Type": "application/json; charset=utf-8"], body: Array(json.utf8))
    }

    @Test func aJSONBodyBecomesTheHandledMessageAndStateShowsAsJSON() async throws {
        try await withServer { client in
            let sent = try await post(client, "/devjson/stamp/a", #""1972-01-01T10:00:20.021Z""#)
            #expect(sent.status == 200)
            let state = String(decoding: try await client.send(method: "GET", path: "/state/devjson/stamp/a").body, as: UTF8.self)
            #expect(state.contains(#""value": "1972-01-01T10:00:20.021Z""#), "\(state)")
        }
    }

    @Test func jsonThatDoesNotFitOrHasNoMessageTypeIsA400() async throws {
        try await withServer { client in
            let bad = try await post(client, "/devjson/stamp/a", #""yesterday""#)
            #expect(bad.status == 400)
            #expect(String(decoding: bad.body, as: UTF8.self).contains("google.protobuf.Timestamp"))
            let untyped = try await post(client, "/devjson/text/a", #""hi""#)
            #expect(untyped.status == 400)
            #expect(String(decoding: untyped.body, as: UTF8.self).contains("handles no protobuf message"))
        }
    }
}
