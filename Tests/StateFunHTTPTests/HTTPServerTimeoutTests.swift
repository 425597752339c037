import StateFunHTTP
import Testing

@Suite("Timeouts")
struct HTTPServerTimeoutTests {
    @Test func slowClientGets408WhileOthersAreServed() async throws {
        let configuration = TestServer.configuration(readTimeout: .milliseconds(250))
        try await TestServer.with(configuration) { server in
            let slow = server.client()
            let request = Array("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n".utf8) + [UInt8](repeating: 65, count: 100)
            let clock = ContinuousClock()
            let start = clock.now
            let sender = Task {
                // One byte every 20 ms: the whole request would need about 3 s.
                try? await slow.writeSlowly(request, interval: .milliseconds(20))
            }
            // Meanwhile other clients are answered promptly.
            let fast = server.client()
            for index in 0..<10 {
                let response = try await fast.send(path: "/fast", body: Array("\(index)".utf8))
                #expect(response.text == "echo:\(index)")
            }
            let response = try await slow.readResponse()
            let elapsed = clock.now - start
            sender.cancel()
            // 408, not the echo a complete request gets: the server cut the client off before its ~3 s of sending
            // ended. (No upper bound on the time: under a loaded test run that would measure the machine.)
            #expect(response.status == 408)
            #expect(response.headers["Connection"] == "close")
            #expect(elapsed >= .milliseconds(250))
            #expect(try await fast.send(path: "/after").status == 200)
        }
    }

    @Test func partialHeadTimesOutWith408() async throws {
        let configuration = TestServer.configuration(readTimeout: .milliseconds(200))
        try await TestServer.with(configuration) { server in
            let client = server.client()
            try await client.write(Array("GET / HTTP/1.1\r\nHost:".utf8))
            let response = try await client.readResponse()
            #expect(response.status == 408)
        }
    }

    /// Sends on a fresh connection, again if the server's idle timer closed it first: under a loaded parallel
    /// test run, more than the short idle timeout can pass between connecting and writing the request.
    static func sendOnFreshConnection(_ client: HTTPClient, body: [UInt8] = []) async throws -> HTTPResponse {
        for _ in 0..<5 {
            do {
                return try await client.send(path: "/", body: body)
            } catch {
                client.close()
            }
        }
        return try await client.send(path: "/", body: body)
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() async throws {
        let configuration = TestServer.configuration(idleTimeout: .milliseconds(300))
        try await TestServer.with(configuration) { server in
            let client = server.client()
            #expect(try await Self.sendOnFreshConnection(client).status == 200)
            let rest = try await client.readUntilClose()
            #expect(rest.isEmpty, "no response is sent to an idle connection")
        }
    }

    @Test func clientReconnectsAfterTheServerClosedAnIdleConnection() async throws {
        let configuration = TestServer.configuration(idleTimeout: .milliseconds(300))
        try await TestServer.with(configuration) { server async throws in
            let client = server.client()
            #expect(try await Self.sendOnFreshConnection(client, body: [1]).status == 200)
            #expect(try await client.isClosedByPeer())  // the server timed the connection out
            #expect(try await Self.sendOnFreshConnection(client, body: [2]).status == 200)
        }
    }
}
