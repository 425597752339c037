import StateFunHTTP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Lifecycle")
struct HTTPServerLifecycleTests {
    @Test func portZeroBindsAnEphemeralPortAndReportsIt() async throws {
        try await TestServer.with { server in
            let port = try #require(server.address.port)
            #expect(port > 0)
            #expect(server.server.addresses == [server.address])
        }
    }

    @Test func bindingAnAddressInUseThrowsAddressInUse() async throws {
        try await TestServer.with { server in
            var configuration = TestServer.configuration()
            configuration.port = try #require(server.address.port)
            let second = HTTPServer(configuration: configuration, responder: TestServer.echo)
            await #expect(throws: HTTPServerError.addressInUse(server.address.description)) {
                try await second.start()
            }
        }
    }

    @Test func invalidHostIsRejected() async throws {
        var configuration = TestServer.configuration()
        configuration.host = "not-an-address"
        let server = HTTPServer(configuration: configuration, responder: TestServer.echo)
        await #expect(throws: HTTPServerError.self) { try await server.start() }
    }

    @Test func startingTwiceThrows() async throws {
        try await TestServer.with { server in
            await #expect(throws: HTTPServerError.alreadyStarted) { try await server.server.start() }
        }
    }

    @Test func gracefulShutdownDrainsAnInFlightRequestAndRefusesNewConnections() async throws {
        let gate = Gate()
        let server = HTTPServer(configuration: TestServer.configuration()) { request in
            await gate.enteredAndWait()
            return HTTPResponse(status: 200, body: request.body)
        }
        let address = try #require(try await server.start().first)
        let idle = HTTPClient(address: address, timeout: TestServer.patience)
        try await idle.connect()
        let busy = HTTPClient(address: address, timeout: TestServer.patience)
        let inFlight = Task { try await busy.send(path: "/", body: Array("drained".utf8)) }
        await gate.waitUntilEntered()

        let shutdown = Task { await server.shutdown() }
        // New connections are refused once the listener is closed.
        #expect(await waitUntilRefusing(address))
        // The idle keep-alive connection is closed without a response.
        #expect(try await idle.readUntilClose().isEmpty)
        idle.close()  // ends the server's lingering close at once (RFC 9112 §9.6)

        await gate.release()
        let response = try await inFlight.value
        #expect(response.status == 200)
        #expect(response.body == Array("drained".utf8))
        #expect(response.headers["Connection"] == "close")
        await shutdown.value
        #expect(server.addresses.isEmpty)
    }

    @Test func shutdownClosesConnectionsLeftAfterTheGracePeriod() async throws {
        var configuration = TestServer.configuration()
        configuration.shutdownGracePeriod = .milliseconds(100)
        let gate = Gate()
        let server = HTTPServer(configuration: configuration) { _ in
            await gate.enteredAndWait()
            return HTTPResponse(status: 200)
        }
        let address = try #require(try await server.start().first)
        let client = HTTPClient(address: address, timeout: TestServer.patience)
        try await client.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        await gate.waitUntilEntered()
        let clock = ContinuousClock()
        let started = clock.now
        await server.shutdown()
        #expect(clock.now - started < TestServer.patience)  // returning at all shows it did not wait for the gate
        #expect(try await client.readUntilClose().isEmpty)
        await gate.release()
    }

    @Test func runReturnsAfterShutdown() async throws {
        let server = HTTPServer(configuration: TestServer.configuration(), responder: TestServer.echo)
        let address = try #require(try await server.start().first)
        let running = Task { try await server.run() }  // already started: just waits
        #expect(try await HTTPClient(address: address, timeout: TestServer.patience).send(path: "/").status == 200)
        await server.shutdown()
        try await running.value
    }

    @Test func runUntilSignalledShutsDownGracefullyOnSIGTERM() async throws {
        let server = HTTPServer(configuration: TestServer.configuration(), responder: TestServer.echo)
        let running = Task { try await server.runUntilSignalled() }
        // The handlers are installed before the server binds, so once it has an address a
        // SIGTERM goes to the server, not to the default action (which would end the tests).
        // Nothing announces that point, so poll for it (bounded; yielding, no clock).
        var address: HTTPServerAddress?
        for _ in 0..<2_000_000 where address == nil {
            address = server.addresses.first
            if address == nil { await Task.yield() }
        }
        let bound = try #require(address)
        #expect(try await HTTPClient(address: bound, timeout: TestServer.patience).send(path: "/").status == 200)
        kill(getpid(), SIGTERM)
        try await running.value
        #expect(server.addresses.isEmpty)
    }

    @Test func shutdownOfAServerThatNeverStartedReturns() async {
        let server = HTTPServer(configuration: TestServer.configuration(), responder: TestServer.echo)
        await server.shutdown()
        await server.shutdown()
    }
}

/// Holds responders until released, and tells the test when one arrived.
actor Gate {
    private var entered = false
    private var enteredWaiters: [CheckedContinuation<Void, Never>] = []
    private var released = false
    private var releaseWaiters: [CheckedContinuation<Void, Never>] = []

    func enteredAndWait() async {
        entered = true
        for waiter in enteredWaiters { waiter.resume() }
        enteredWaiters = []
        if released { return }
        await withCheckedContinuation { releaseWaiters.append($0) }
    }

    func waitUntilEntered() async {
        if entered { return }
        await withCheckedContinuation { enteredWaiters.append($0) }
    }

    func release() {
        released = true
        for waiter in releaseWaiters { waiter.resume() }
        releaseWaiters = []
    }
}
