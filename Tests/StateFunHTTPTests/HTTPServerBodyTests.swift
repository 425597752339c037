import StateFunHTTP
import Testing

@Suite("Bodies over real sockets")
struct HTTPServerBodyTests {
    @Test func multiMegabyteBodiesSurvivePartialReadsAndWrites() async throws {
        // Larger than the socket buffers, so both sides see partial reads and writes.
        let body = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await TestServer.with { server in
            let client = server.client(timeout: TestServer.patience)
            let response = try await client.send(path: "/big", body: body)
            #expect(response.status == 200)
            #expect(response.body.count == 5 + body.count)
            #expect(Array(response.body[5...]) == body)
        }
    }

    @Test func requestSentOneByteAtATimeIsParsed() async throws {
        // One write per byte, each after a yield to the cooperative pool, which CPU-heavy
        // suites alongside can hold for seconds: generous timeouts, so only a hang fails.
        try await TestServer.with(TestServer.configuration(readTimeout: .seconds(60))) { server in
            let client = server.client(timeout: .seconds(60))
            let request = Array("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n".utf8)
            try await client.writeSlowly(request, interval: .zero)
            let response = try await client.readResponse()
            #expect(response.text == "echo:ab")
        }
    }
}
