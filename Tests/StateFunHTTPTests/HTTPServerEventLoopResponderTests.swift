import StateFunHTTP
import Testing

/// The same behaviours with ``HTTPServerConfiguration/runsRespondersOnEventLoops`` on: the
/// responders' tasks prefer the event loops as their executor.
@Suite("Responders running on the event loops")
struct HTTPServerEventLoopResponderTests {
    static func configuration() -> HTTPServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.runsRespondersOnEventLoops = true
        return configuration
    }

    @Test func manyKeepAliveClientsEachGetExactlyTheirOwnAnswers() async throws {
        try await TestServer.with(Self.configuration()) { server in
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for clientIndex in 0..<50 {
                    group.addTask {
                        let client = server.client()
                        defer { client.close() }
                        var failures = 0
                        for requestIndex in 0..<10 {
                            let id = "\(clientIndex)-\(requestIndex)"
                            let response = try await client.send(path: "/", headers: ["X-Id": id], body: Array(id.utf8))
                            if response.headers["X-Id"] != id || response.body != Array("echo:\(id)".utf8) { failures += 1 }
                        }
                        return failures
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(failures == 0)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderWhenTheFirstSuspends() async throws {
        var configuration = Self.configuration()
        configuration.eventLoopCount = 1
        try await TestServer.with(configuration, responder: { request in
            if request.path == "/1" { for _ in 0..<200 { await Task.yield() } }  // suspends repeatedly, no clock
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }) { server in
            let client = server.client()
            let requests = (1...3).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }
            try await client.write(Array(requests.joined().utf8))
            for index in 1...3 {
                #expect(try await client.readResponse().text == "/\(index)")
            }
        }
    }

    @Test func suspendedRespondersDoNotBlockTheirLoop() async throws {
        // One loop, two connections: both responders must be in flight at once.
        var configuration = Self.configuration()
        configuration.eventLoopCount = 1
        let rendezvous = Rendezvous()
        try await TestServer.with(configuration, responder: { request in
            await rendezvous.arrive()
            return HTTPResponse(status: 200, body: request.body)
        }) { server in
            async let first = server.client().send(path: "/", body: [1])
            async let second = server.client().send(path: "/", body: [2])
            let responses = try await [first, second]
            #expect(responses.map(\.body) == [[1], [2]])
        }
    }

    @Test func gracefulShutdownDrainsAnInFlightRequest() async throws {
        let gate = Gate()
        let server = HTTPServer(configuration: Self.configuration()) { request in
            await gate.enteredAndWait()
            return HTTPResponse(status: 200, body: request.body)
        }
        let address = try #require(try await server.start().first)
        let client = HTTPClient(address: address, timeout: TestServer.patience)
        let inFlight = Task { try await client.send(path: "/", body: [9]) }
        await gate.waitUntilEntered()
        let shutdown = Task { await server.shutdown() }
        #expect(await waitUntilRefusing(address))
        await gate.release()
        let response = try await inFlight.value
        #expect(response.body == [9])
        #expect(response.headers["Connection"] == "close")
        await shutdown.value
    }
}
