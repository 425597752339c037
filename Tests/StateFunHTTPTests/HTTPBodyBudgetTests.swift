import StateFunHTTP
import Testing

/// HTTPLimits.maxBufferedBodyBytes: request bodies buffered at once across connections.
@Suite("Body memory budget across connections")
struct HTTPBodyBudgetTests {
    private static let limits = HTTPLimits(maxBodyBytes: 800, maxBufferedBodyBytes: 1000)

    /// Sends a head announcing `length` body bytes with `Expect: 100-continue` and returns
    /// once the server invited the body: by then the server has charged it to the budget.
    private static func startUpload(_ client: HTTPClient, length: Int) async throws {
        try await client.write(
            Array("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(length)\r\n\r\n".utf8))
        let interim = try await client.readResponse(skippingInterim: false)
        #expect(interim.status == 100)
    }

    private static func upload(_ length: Int, on server: TestServer) async throws -> HTTPResponse {
        let client = server.client()
        defer { client.close() }
        return try await client.send(path: "/up", body: [UInt8](repeating: 0x62, count: length))
    }

    @Test func aBodyBeyondTheBudgetGets503WithRetryAfterUntilMemoryIsReleased() async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let first = server.client()
            try await Self.startUpload(first, length: 600)
            // 600 + 600 > 1000: refused before any of the body is read.
            let refused = try await Self.upload(600, on: server)
            #expect(refused.status == 503)
            #expect(refused.headers["Retry-After"] == "1")
            #expect(refused.headers["Connection"] == "close")
            // What still fits is accepted meanwhile.
            #expect(try await Self.upload(400, on: server).status == 200)
            // Once the first body's response is written, its bytes are released.
            try await first.write([UInt8](repeating: 0x61, count: 600))
            let response = try await first.readResponse()
            #expect(response.status == 200)
            #expect(response.body.count == 5 + 600)
            #expect(try await Self.upload(600, on: server).status == 200)
        }
    }

    @Test func chunkedBodiesAreChargedAsTheirChunksAnnounceThemselves() async throws {
        // The first request stays incomplete across several steps: a read timeout longer than any
        // loaded machine takes for them, so it is never answered 408 instead (it was, once, at 5 s).
        let configuration = TestServer.configuration(limits: Self.limits, readTimeout: .seconds(120))
        try await TestServer.with(configuration) { server in
            let first = server.client()
            try await first.write(
                Array("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n".utf8)
                    + [UInt8](repeating: 0x61, count: 100))
            // The first chunk (0x258 = 600 bytes) holds its size against the budget once the
            // server has read its size line. Wait for that charge itself: probing with uploads
            // would race (a probe in flight when the chunk is read gets the first refused).
            let deadline = ContinuousClock.now + .seconds(30)
            var charged = false
            while !charged && ContinuousClock.now < deadline {
                charged = server.server.bufferedBodyBytes == 600
                if !charged { await Task.yield() }
            }
            #expect(charged)
            let refused = try await Self.upload(600, on: server)
            #expect(refused.status == 503)
            try await first.write([UInt8](repeating: 0x61, count: 500) + Array("\r\n0\r\n\r\n".utf8))
            #expect(try await first.readResponse().status == 200)
            #expect(try await Self.upload(600, on: server).status == 200)
        }
    }

    @Test func aBodyLargerThanTheWholeBudgetGets413() async throws {
        let limits = HTTPLimits(maxBodyBytes: 2000, maxBufferedBodyBytes: 1000)
        try await TestServer.with(TestServer.configuration(limits: limits)) { server in
            let tooLarge = try await Self.upload(1500, on: server)
            #expect(tooLarge.status == 413)
            let fits = try await Self.upload(1000, on: server)
            #expect(fits.status == 200)
        }
    }

    @Test func manyConcurrentUploadsNeverHoldMoreThanTheBudget() async throws {
        // 32 uploads of 300 bytes at once against room for 3: each is answered 200 or 503,
        // and the 200s are never refused for lack of memory once the others are done.
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<32 { group.addTask { try await Self.upload(300, on: server).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 })
            #expect(statuses.contains(200))
            for _ in 0..<3 { #expect(try await Self.upload(300, on: server).status == 200) }
        }
    }
}
