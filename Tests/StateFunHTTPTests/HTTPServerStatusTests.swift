import StateFunHTTP
import Testing

@Suite("Statuses the server produces")
struct HTTPServerStatusTests {
    static let limits = HTTPLimits(
        maxRequestLineBytes: 200, maxHeaderBytes: 300, maxHeaderCount: 5, maxBodyBytes: 64, maxConnections: 64)

    /// Sends `request` raw, expects `status` with a text body and a closed connection, then
    /// checks the server still answers a good request on a new connection.
    func expectRejected(_ request: String, status: Int, on server: TestServer) async throws {
        let client = server.client()
        defer { client.close() }
        try await client.write(Array(request.utf8))
        let response = try await client.readResponse()
        #expect(response.status == status, "\(request.prefix(60).debugDescription)")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.headers["Connection"] == "close")
        #expect(!response.body.isEmpty)
        #expect(try await client.isClosedByPeer())
        let good = try await server.client().send(path: "/after", body: Array("ok".utf8))
        #expect(good.status == 200)
    }

    @Test("bad framing and syntax get 400 and the server keeps serving", arguments: [
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Name: v\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef",
        "POST / HTTP/1.1\r\nTransfer-Encoding: deflate\r\n\r\n",
    ])
    func badRequests(_ request: String) async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            try await expectRejected(request, status: 400, on: server)
        }
    }

    @Test func unsupportedTransferCodingGets501() async throws {
        try await TestServer.with { server in
            try await expectRejected(
                "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501, on: server)
        }
    }

    @Test func postWithoutLengthGets411() async throws {
        try await TestServer.with { server in
            try await expectRejected("POST /statefun HTTP/1.1\r\nHost: x\r\n\r\n", status: 411, on: server)
        }
    }

    @Test func unsupportedVersionGets505() async throws {
        try await TestServer.with { server in
            try await expectRejected("GET / HTTP/2.0\r\n\r\n", status: 505, on: server)
        }
    }

    @Test func bodyAtTheLimitIsServedAndOneByteMoreGets413FromContentLength() async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let atLimit = try await server.client().send(path: "/", body: Array(repeating: 65, count: 64))
            #expect(atLimit.status == 200)
            #expect(atLimit.body.count == 5 + 64)
            // The 413 comes from the header alone: the body is never sent.
            try await expectRejected("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n", status: 413, on: server)
        }
    }

    @Test func chunkedBodyGrowingPastTheLimitGets413() async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let chunk = String(repeating: "a", count: 32)
            let atLimit = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n\(chunk)\r\n20\r\n\(chunk)\r\n0\r\n\r\n"
            let response = try await server.rawExchange(atLimit)
            #expect(response.status == 200)
            #expect(response.body.count == 5 + 64)
            try await expectRejected(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n\(chunk)\r\n20\r\n\(chunk)\r\n1\r\n",
                status: 413, on: server)
        }
    }

    @Test func requestLineAtTheLimitIsServedAndOneByteMoreGets414() async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let atLimit = HTTPParserLimitTests.requestLine(length: 200)
            let ok = try await server.rawExchange(atLimit + "\r\nHost: x\r\n\r\n")
            #expect(ok.status == 200)
            try await expectRejected(
                HTTPParserLimitTests.requestLine(length: 201) + "\r\nHost: x\r\n\r\n", status: 414, on: server)
        }
    }

    @Test func headerBytesAtTheLimitAreServedAndOneByteMoreGets431() async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let ok = try await server.rawExchange(
                "GET / HTTP/1.1\r\n" + HTTPParserLimitTests.headerSection(bytes: 300, count: 3) + "\r\n")
            #expect(ok.status == 200)
            try await expectRejected(
                "GET / HTTP/1.1\r\n" + HTTPParserLimitTests.headerSection(bytes: 301, count: 3) + "\r\n",
                status: 431, on: server)
        }
    }

    @Test func headerCountAtTheLimitIsServedAndOneMoreGets431() async throws {
        try await TestServer.with(TestServer.configuration(limits: Self.limits)) { server in
            let ok = try await server.rawExchange(
                "GET / HTTP/1.1\r\n" + HTTPParserLimitTests.headerSection(bytes: 50, count: 5) + "\r\n")
            #expect(ok.status == 200)
            try await expectRejected(
                "GET / HTTP/1.1\r\n" + HTTPParserLimitTests.headerSection(bytes: 60, count: 6) + "\r\n",
                status: 431, on: server)
        }
    }

    @Test func connectionsBeyondTheLimitGet503AndTheServerRecovers() async throws {
        var limits = HTTPLimits()
        limits.maxConnections = 2
        try await TestServer.with(TestServer.configuration(limits: limits)) { server in
            let first = server.client()
            let second = server.client()
            #expect(try await first.send(path: "/").status == 200)
            #expect(try await second.send(path: "/").status == 200)
            let third = server.client()
            try await third.connect()
            let rejected = try await third.readResponse()
            #expect(rejected.status == 503)
            #expect(rejected.headers["Connection"] == "close")
            third.close()
            first.close()
            // Once a slot frees up, a new connection is served (the close is noticed asynchronously).
            var served = false
            for _ in 0..<200 where !served {
                let fourth = server.client()
                try await fourth.connect()
                let response = try await fourth.readOrSend()
                served = response.status == 200
                fourth.close()
            }
            #expect(served)
            #expect(try await second.send(path: "/").status == 200)
        }
    }

    @Test func invalidResponderHeadersBecome500() async throws {
        try await TestServer.with(responder: { _ in
            HTTPResponse(status: 200, headers: ["X-Bad": "a\r\nInjected: yes"], body: [])
        }) { server in
            let response = try await server.client().send(path: "/")
            #expect(response.status == 500)
            #expect(response.headers["Injected"] == nil)
        }
    }
}

extension HTTPClient {
    /// Sends a request unless the server already answered (503) on connect.
    func readOrSend() async throws -> HTTPResponse {
        try await write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        return try await readResponse()
    }
}
