#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import StateFun
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The runtime calling functions of another process over HTTP: the official Python SDK (3.3.0) serving the
/// oracle's functions (`serve_v3.py`). Skipped unless `STATEFUN_ORACLE_PY3` names the oracle venv's Python
/// (`.ci/run` exports it; locally: `eval "$(../shared/oracle/setup.sh)"; export STATEFUN_ORACLE_PY3=$PY3`).
@Suite("Local runtime: remote functions over HTTP (Python SDK)")
struct RuntimeRemoteTests {
    @Test(.enabled(if: PythonSDKServer.isAvailable, "set STATEFUN_ORACLE_PY3 to the oracle venv's python to run"))
    func drivesThePythonGreeterOverHTTP() async throws {
        let server = try PythonSDKServer.start()
        defer { server.stop() }
        let caller = ValueSpec<Int32>("replies")
        // A Swift function in-process, talking to the Python greeter: the greeter replies to its caller.
        let app = App {
            Function("swift/caller") {
                caller
                Handle(String.self) { context, text in
                    if context.caller == nil {
                        try context.send(text, to: Address("example/greeter", id: context.address.id))
                    } else {
                        try context.storage.set(caller, (try context.storage.get(caller) ?? 0) + 1)
                        try context.send(Egress(id: "swift/replies").record("reply: \(text)"))
                    }
                }
            }
        }
        let runtime = LocalRuntime(
            app: app,
            remoteEndpoints: [FunctionEndpoint(functions: "example/*", urlPathTemplate: "http://127.0.0.1:\(server.port)/statefun")])
        let ann = Address("example/greeter", id: "ann")

        // The first calls may find the server still starting: the runtime retries them, as StateFun does.
        try runtime.send("ann", to: ann)
        await runtime.runUntilIdle()
        #expect(runtime.failures.isEmpty, "\(runtime.failures)")
        #expect(runtime.egressRecords(egress: "example/greets").map(\.text) == ["Hello ann! seen=1"])

        try runtime.send("ann", to: ann)
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords(egress: "example/greets").map(\.text) == ["Hello ann! seen=1", "Hello ann! seen=2"])
        #expect(try runtime.state(ValueSpec<Int32>("seen"), of: ann) == 2)

        try runtime.send("ann", to: Address("swift/caller", id: "ann"))
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords(egress: "swift/replies").map(\.text) == ["reply: Hello ann! seen=3"])
        #expect(try runtime.state(caller, of: Address("swift/caller", id: "ann")) == 1)
        #expect(runtime.failures.isEmpty, "\(runtime.failures)")
    }

    @Test func reportsAnUnreachableEndpointAfterTheCallTimeout() async throws {
        // A bound socket that does not listen holds the port: every attempt is refused; the 200 ms budget runs on the manual clock.
        let failure = try await PythonSDKServer.withRefusingPort { port in
            let runtime = LocalRuntime(
                app: App {}, clock: ManualClock(),
                remoteEndpoints: [
                    FunctionEndpoint(functions: "example/greeter", urlPathTemplate: "http://127.0.0.1:\(port)/", callTimeout: .milliseconds(200))
                ])
            try runtime.send("ann", to: Address("example/greeter", id: "ann"))
            await runtime.advance(by: .seconds(1))
            return try #require(runtime.failures.first)
        }
        // Attempts at 0, 10, 30, 70, 150 and 200 ms.
        #expect(failure.attempts == 6)
        #expect(failure.time == .milliseconds(200))
        guard case .connectionFailed = failure.error else {
            Issue.record("unexpected \(failure.error)")
            return
        }
    }

    @Test func refusesURLsItCannotCall() async throws {
        let runtime = LocalRuntime(
            app: App {}, clock: ManualClock(),
            remoteEndpoints: [FunctionEndpoint(functions: "example/*", urlPathTemplate: "https://functions.example.com/statefun")])
        try runtime.send("ann", to: Address("example/greeter", id: "ann"))
        await runtime.runUntilIdle()
        guard case .unsupportedURL? = runtime.failures.first?.error else {
            Issue.record("unexpected \(runtime.failures)")
            return
        }
    }

    @Test(arguments: [
        ("http://127.0.0.1:8000/statefun", "127.0.0.1:8000", "/statefun"),
        ("http://localhost:9/", "127.0.0.1:9", "/"),
        ("http://[::1]:8080", "[::1]:8080", "/"),
        ("http://10.0.0.1/fn?x=1", "10.0.0.1:80", "/fn?x=1"),
        ("http+unix:///tmp/functions.sock/statefun", "unix:/tmp/functions.sock", "/statefun"),
    ])
    func parsesEndpointURLs(url: String, address: String, path: String) throws {
        let parsed = try EndpointURL(parsing: url)
        #expect(parsed.address.description == address)
        #expect(parsed.path == path)
    }

    /// One parser (StateFunHTTP's HTTPEndpoint) with the runtime's rules: the socket of an http+unix URL is an
    /// absolute path (`http+unix://run/f.sock/x` names a host, which OkHttp's Unix transport does not take).
    @Test(arguments: [
        "http+unix://run/functions.sock/statefun", "http+unix:///run/functions/statefun", "http://127.0.0.1:0/",
        "https://127.0.0.1/statefun", "http://functions.example.com/statefun", "http://127.0.0.1:65536/",
    ])
    func refusesURLsTheClientCannotCall(url: String) {
        #expect(throws: RuntimeError.self) { try EndpointURL(parsing: url) }
    }

    @Test func expandsTheFunctionNameInURLTemplates() {
        let endpoint = FunctionEndpoint(functions: "example/*", urlPathTemplate: "http://localhost:8000/{function.name}")
        #expect(endpoint.covers("example/greeter") && !endpoint.covers("other/greeter"))
        #expect(endpoint.url(for: "example/greeter") == "http://localhost:8000/greeter")
    }
}

/// `serve_v3.py PORT` (aiohttp + the Python SDK's handler) as a child process.
struct PythonSDKServer {
    let process: Process
    let port: Int

    static var python: String? {
        guard let path = ProcessInfo.processInfo.environment["STATEFUN_ORACLE_PY3"], !path.isEmpty else { return nil }
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// `STATEFUN_ORACLE_DIR`, else `../shared/oracle` beside the repository.
    static var script: String {
        if let dir = ProcessInfo.processInfo.environment["STATEFUN_ORACLE_DIR"], !dir.isEmpty {
            return dir + "/serve_v3.py"
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/oracle/serve_v3.py").path
    }

    static var isAvailable: Bool { python != nil && FileManager.default.fileExists(atPath: script) }

    static func start() throws -> PythonSDKServer {
        guard let python, let port = freePort() else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, String(port)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return PythonSDKServer(process: process, port: port)
    }

    /// Kills the server. SIGKILL, not SIGTERM: the test process runs with SIGTERM blocked, and a child inherits
    /// that mask, so aiohttp's SIGTERM handler would never run.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
    static func freePort() -> Int? {
        guard let (fd, port) = boundSocket() else { return nil }
        close(fd)
        return port
    }

    /// Runs `body` with a port on 127.0.0.1 that refuses every connection for as long as `body` runs: a socket
    /// bound to it but not listening holds it, so no other test's server can take it meanwhile (a port that was
    /// merely free a moment ago can be, and then the "unreachable" endpoint answers).
    static func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let (fd, port) = try #require(boundSocket())
        defer { close(fd) }
        return try await body(port)
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel picks, not listening, and that port.
    private static func boundSocket() -> (Int32, Int)? {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let named = bound == 0 ? withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        } : -1
        guard named == 0 else {
            close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
