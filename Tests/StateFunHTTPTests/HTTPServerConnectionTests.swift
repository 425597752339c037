import StateFunHTTP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Connections: keep-alive, pipelining, framing, transports")
struct HTTPServerConnectionTests {
    @Test func pipelinedRequestsInOneWriteAreAnsweredInOrder() async throws {
        // The responder finishes the first request last, so ordering is the server's doing.
        try await TestServer.with(responder: { request in
            if request.path == "/1" { for _ in 0..<20 { await Task.yield() } }  // slower than the others, no clock
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }) { server in
            // Each yield waits for the cooperative pool, which CPU-heavy suites running
            // alongside can hold for seconds: a generous timeout, so only a hang fails.
            let client = server.client(timeout: TestServer.patience)
            let requests = (1...3).map { "POST /\($0) HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n\($0)" }
            try await client.write(Array(requests.joined().utf8))
            for index in 1...3 {
                let response = try await client.readResponse()
                #expect(response.text == "/\(index)")
            }
        }
    }

    @Test func clientThatHalfClosesAfterPipelinedRequestsGetsEveryAnswer() async throws {
        try await TestServer.with { server in
            let client = server.client()
            try await client.write(
                Array("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\naPOST /b HTTP/1.1\r\nContent-Length: 1\r\n\r\nb".utf8))
            try client.finishWriting()
            #expect(try await client.readResponse().text == "echo:a")
            #expect(try await client.readResponse().text == "echo:b")
            #expect(try await client.isClosedByPeer())
        }
    }

    @Test func chunkedRequestWithExtensionsAndTrailersIsDecoded() async throws {
        try await TestServer.with { server in
            let request =
                "POST /statefun HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nabcd\r\n3\r\nefg\r\n0\r\nX-Trailer: ignored\r\n\r\n"
            let response = try await server.rawExchange(request)
            #expect(response.status == 200)
            #expect(response.text == "echo:abcdefg")
        }
    }

    @Test func expectContinueGets100BeforeTheBodyIsSent() async throws {
        try await TestServer.with { server in
            let client = server.client()
            try await client.write(
                Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n".utf8))
            let interim = try await client.readResponse(skippingInterim: false)
            #expect(interim.status == 100)
            try await client.write(Array("body".utf8))
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "echo:body")
        }
    }

    @Test func expectContinueOverTheLimitGets413WithoutReadingTheBody() async throws {
        try await TestServer.with(TestServer.configuration(limits: HTTPLimits(maxBodyBytes: 10))) { server in
            let client = server.client()
            try await client.write(
                Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n".utf8))
            let response = try await client.readResponse(skippingInterim: false)
            #expect(response.status == 413)
        }
    }

    @Test func http10ClientGetsItsAnswerAndTheConnectionCloses() async throws {
        try await TestServer.with { server in
            let client = server.client()
            try await client.write(Array("POST /x HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi".utf8))
            let raw = String(decoding: try await client.readUntilClose(), as: UTF8.self)
            #expect(raw.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(raw.contains("Connection: close\r\n"))
            #expect(raw.hasSuffix("\r\n\r\necho:hi"))
        }
    }

    @Test func http10ClientAskingForKeepAliveKeepsTheConnection() async throws {
        try await TestServer.with { server in
            let client = server.client()
            for _ in 0..<2 {
                try await client.write(
                    Array("POST /x HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi".utf8))
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.headers["Connection"] == "keep-alive")
            }
        }
    }

    @Test func headRequestGetsLengthButNoBody() async throws {
        try await TestServer.with { server in
            let client = server.client()
            try await client.write(Array("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            let head = try await client.readResponse(requestWasHead: true)
            #expect(head.headers["Content-Length"] == "5")
            #expect(head.body.isEmpty)
            let get = try await client.readResponse()
            #expect(get.text == "echo:")
        }
    }

    @Test func responseHeadersAreSentExactlyAsGiven() async throws {
        try await TestServer.with { server in
            let client = server.client()
            try await client.write(Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            let raw = String(decoding: try await client.readUntilClose(), as: UTF8.self)
            #expect(
                raw == "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 5\r\n"
                    + "Connection: close\r\n\r\necho:")
        }
    }

    /// Whether this machine can bind ::1 (containers sometimes have IPv6 disabled).
    static let ipv6LoopbackAvailable: Bool = {
        #if canImport(Glibc)
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET6, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
            }
        }
    }()

    @Test(.enabled(if: ipv6LoopbackAvailable, "IPv6 loopback (::1) is unavailable on this machine"))
    func servesIPv6Loopback() async throws {
        var configuration = TestServer.configuration()
        configuration.host = "::1"
        try await TestServer.with(configuration) { server in
            guard case .ipv6(let host, let port) = server.address else {
                Issue.record("expected an IPv6 address, got \(server.address)")
                return
            }
            #expect(host == "::1")
            #expect(port > 0)
            let response = try await server.client().send(path: "/", body: [1])
            #expect(response.status == 200)
        }
    }

    @Test func servesAUnixDomainSocketWithAPercentEncodedPath() async throws {
        let path = "/tmp/statefun-http-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        var configuration = TestServer.configuration()
        configuration.host = nil
        configuration.unixSocketPath = path
        let server = HTTPServer(configuration: configuration) { request in
            HTTPResponse(status: 200, body: Array("\(request.target) \(request.path)".utf8))
        }
        let addresses = try await server.start()
        #expect(addresses == [.unix(path: path)])
        let client = HTTPClient(address: .unix(path: path), timeout: TestServer.patience)
        // OkHttp calling http+unix:///tmp/x.sock/statefun sends this target.
        let response = try await client.send(path: "/%2Fstatefun", body: [1])
        #expect(response.text == "/%2Fstatefun //statefun")
        client.close()
        await server.shutdown()
        #expect(access(path, F_OK) != 0, "the socket file is removed at shutdown")
    }

    @Test func servesTCPAndUnixSocketTogether() async throws {
        let path = "/tmp/statefun-http-both-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        var configuration = TestServer.configuration()
        configuration.unixSocketPath = path
        try await TestServer.with(configuration) { server in
            let addresses = server.server.addresses
            #expect(addresses.count == 2)
            for address in addresses {
                let response = try await HTTPClient(address: address, timeout: TestServer.patience).send(path: "/", body: [7])
                #expect(response.body == Array("echo:".utf8) + [7])
            }
        }
    }
}
