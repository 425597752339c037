import StateFunHTTP
import Testing

@Suite("Concurrency")
struct HTTPServerConcurrencyTests {
    @Test func twoHundredKeepAliveClientsEachGetExactlyTheirOwnAnswers() async throws {
        var limits = HTTPLimits()
        limits.maxConnections = 1024
        try await TestServer.with(TestServer.configuration(limits: limits)) { server in
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for clientIndex in 0..<200 {
                    group.addTask {
                        let client = server.client(timeout: TestServer.patience)
                        defer { client.close() }
                        var failures = 0
                        for requestIndex in 0..<20 {
                            let id = "\(clientIndex)-\(requestIndex)"
                            let response = try await client.send(
                                path: "/statefun", headers: ["X-Id": id], body: Array(id.utf8))
                            if response.status != 200 || response.headers["X-Id"] != id
                                || response.body != Array("echo:\(id)".utf8)
                            {
                                failures += 1
                            }
                        }
                        return failures
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(failures == 0)
        }
    }

    @Test func requestsOnDifferentConnectionsRunInParallel() async throws {
        // Two requests whose responders each wait for the other: they only both complete if
        // the server hands them to the responder concurrently.
        let rendezvous = Rendezvous()
        try await TestServer.with(responder: { request in
            await rendezvous.arrive()
            return HTTPResponse(status: 200, body: request.body)
        }) { server in
            async let first = server.client().send(path: "/", body: [1])
            async let second = server.client().send(path: "/", body: [2])
            let responses = try await [first, second]
            #expect(responses.map(\.body) == [[1], [2]])
        }
    }
}

/// Lets two tasks proceed only once both arrived.
actor Rendezvous {
    private var waiting: CheckedContinuation<Void, Never>?

    func arrive() async {
        if let waiting {
            self.waiting = nil
            waiting.resume()
            return
        }
        await withCheckedContinuation { waiting = $0 }
    }
}
