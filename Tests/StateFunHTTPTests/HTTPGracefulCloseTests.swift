import StateFunHTTP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// RFC 9112 §9.6 (tearing down connections): no request received before a close goes
/// unanswered, and no close turns into a reset.
@Suite("Graceful close (RFC 9112 §9.6)")
struct HTTPGracefulCloseTests {
    /// A server whose responder holds `/1` at `gate` and answers every request with its path.
    private static func server(gate: Gate) -> HTTPServer {
        HTTPServer(configuration: TestServer.configuration()) { request in
            if request.path == "/1" { await gate.enteredAndWait() }
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }
    }

    private static func post(_ path: String, body: [UInt8] = Array("x".utf8)) -> [UInt8] {
        Array("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Reads `paths.count` responses and checks that each answers its path, and that only
    /// the last one carries `Connection: close`; then that the server ends with a FIN.
    /// (`lastIsMarked: false` where the last answer may have been written before shutdown.)
    private static func expectAnswers(
        _ paths: [String], on client: HTTPClient, lastIsMarked: Bool = true
    ) async throws {
        for (index, path) in paths.enumerated() {
            let response = try await client.readResponse()
            #expect(response.text == path)
            let isLast = index == paths.count - 1
            if !isLast || lastIsMarked {
                #expect((response.headers["Connection"] == "close") == isLast, "\(path)")
            }
        }
        // A reset would throw here (ECONNRESET); a FIN reads as end-of-file.
        #expect(try await client.readUntilClose().isEmpty)
        client.close()
    }

    @Test func pipelinedRequestsReceivedBeforeShutdownAreAllAnswered() async throws {
        let gate = Gate()
        let server = Self.server(gate: gate)
        let address = try #require(try await server.start().first)
        let client = HTTPClient(address: address, timeout: TestServer.patience)
        try await client.write(Self.post("/1") + Self.post("/2") + Self.post("/3"))
        await gate.waitUntilEntered()
        let shutdown = Task { await server.shutdown() }
        #expect(await waitUntilRefusing(address))
        await gate.release()
        try await Self.expectAnswers(["/1", "/2", "/3"], on: client)
        await shutdown.value
    }

    @Test func pipelinedRequestsStillInTheSocketAtShutdownAreAllAnswered() async throws {
        // The body of /2 is larger than the read-ahead the server allows while /1 is being
        // answered, so part of /2 and all of /3 are still in the socket when shutdown begins.
        let gate = Gate()
        let server = Self.server(gate: gate)
        let address = try #require(try await server.start().first)
        let client = HTTPClient(address: address, timeout: TestServer.patience)
        let bytes = Self.post("/1") + Self.post("/2", body: [UInt8](repeating: 0x61, count: 300 * 1024)) + Self.post("/3")
        let writer = Task { try await client.write(bytes) }
        await gate.waitUntilEntered()
        let shutdown = Task { await server.shutdown() }
        #expect(await waitUntilRefusing(address))
        await gate.release()
        try await writer.value
        try await Self.expectAnswers(["/1", "/2", "/3"], on: client)
        await shutdown.value
    }

    @Test func requestSentOnAnIdleConnectionAsShutdownBeginsIsAnswered() async throws {
        let server = Self.server(gate: Gate())
        let address = try #require(try await server.start().first)
        let client = HTTPClient(address: address, timeout: TestServer.patience)
        #expect(try await client.send(path: "/a").text == "/a")
        // Whether the loop reads this before or after it begins shutting down, it is answered
        // (with `Connection: close` only in the second case), and the connection then ends
        // with a FIN.
        try await client.write(Self.post("/b"))
        let shutdown = Task { await server.shutdown() }
        try await Self.expectAnswers(["/b"], on: client, lastIsMarked: false)
        await shutdown.value
    }

    @Test func idleKeepAliveConnectionsAreClosedWithAFinAtShutdown() async throws {
        let server = Self.server(gate: Gate())
        let address = try #require(try await server.start().first)
        let clients = (0..<8).map { _ in HTTPClient(address: address, timeout: TestServer.patience) }
        for client in clients { #expect(try await client.send(path: "/idle").status == 200) }
        let shutdown = Task { await server.shutdown() }
        for client in clients {
            #expect(try await client.readUntilClose().isEmpty)
            client.close()
        }
        await shutdown.value
    }

    @Test func aConnectionOverTheLimitGetsIts503AndAFinEvenWithARequestSent() async throws {
        var limits = HTTPLimits()
        limits.maxConnections = 1
        try await TestServer.with(TestServer.configuration(limits: limits)) { server in
            let holder = server.client()
            defer { holder.close() }
            #expect(try await holder.send(path: "/held").status == 200)
            // The server never reads this request: closing over it (or over bytes arriving
            // after the close) would send a reset, which may destroy the 503 in flight.
            let rejected = server.client()
            try await rejected.write(Self.post("/over", body: [UInt8](repeating: 0x61, count: 32 * 1024)))
            let response = try await rejected.readResponse()
            #expect(response.status == 503)
            #expect(response.headers["Connection"] == "close")
            // A reset would throw here (ECONNRESET); a FIN reads as end-of-file.
            #expect(try await rejected.readUntilClose().isEmpty)
            rejected.close()
            #expect(try await holder.send(path: "/still").status == 200)
        }
    }

    #if os(Linux)
    @Test func theClientClosesWithAFinEvenWithUnreadInput() async throws {
        // A bare listening socket stands in for a server, to see what the client's close sends.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { _ = close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let client = try HTTPClient(host: "127.0.0.1", port: port, timeout: TestServer.patience)
        try await client.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let accepted = accept(listener, nil, nil)
        #expect(accepted >= 0)
        defer { _ = close(accepted) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(accepted, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // Bytes the client never reads: closing over them abruptly would send a reset.
        let unread = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nextra".utf8)
        #expect(send(accepted, unread, unread.count, 0) == unread.count)
        // On loopback, send returns once the bytes are in the client's receive buffer.
        client.close()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var result = 0
        repeat { result = recv(accepted, &buffer, buffer.count, 0) } while result > 0
        #expect(result == 0, "recv ended with \(result), errno \(errno) (ECONNRESET is \(ECONNRESET))")
    }
    #endif
}
