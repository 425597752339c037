import StateFunHTTP
import Testing

@Suite("Server basics")
struct HTTPServerSmokeTests {
    @Test func answersAPostOverKeepAlive() async throws {
        try await TestServer.with { server in
            let client = server.client()
            for index in 0..<3 {
                let response = try await client.send(path: "/statefun", body: Array("hi\(index)".utf8))
                #expect(response.status == 200)
                #expect(response.text == "echo:hi\(index)")
                #expect(response.headers["Content-Type"] == "application/octet-stream")
            }
        }
    }
}
