import StateFunHTTP
import Synchronization
import StateFunProtocol

/// Delivers calls to remote functions over HTTP/1.1, as the StateFun runtime's transport does: `POST` of the
/// `ToFunction` bytes with `Content-Type: application/octet-stream`, and an answer that must have a 2xx status and
/// exactly that content type.
///
/// Connections are kept alive and reused: one request at a time per connection, up to
/// ``maxIdleConnectionsPerServer`` idle connections kept per server, more opened while calls run concurrently.
public final class HTTPFunctionTransport: FunctionTransport {
    /// How many idle connections per server are kept for reuse; more are closed when their call ends.
    public static let maxIdleConnectionsPerServer = 16
    /// The content type of requests and, exactly, of responses.
    public static let contentType = "application/octet-stream"

    /// How long one wait (connecting, sending, the first and every further byte of the answer) may take, like the
    /// runtime's connect/read/write timeouts (default 10 seconds).
    public let timeout: Duration
    private let idle = Mutex<[HTTPServerAddress: [HTTPClient]]>([:])

    /// Creates a transport.
    public init(timeout: Duration = .seconds(10)) {
        self.timeout = timeout
    }

    deinit {
        for client in idle.withLock({ $0.values.flatMap { $0 } }) { client.close() }
    }

    /// Sends one batch and returns the function's answer (see ``FunctionTransport``).
    public func call(_ call: FunctionCall) async throws(RuntimeError) -> [UInt8] {
        guard case .url(let url) = call.destination else {
            throw .unsupportedURL("in-process", reason: "the HTTP transport calls only remote endpoints")
        }
        let endpoint = try EndpointURL(parsing: url)
        let key = endpoint.address
        let client = idle.withLock { $0[key]?.popLast() } ?? HTTPClient(address: endpoint.address, timeout: timeout)
        let response: HTTPResponse
        do {
            response = try await client.send(
                method: "POST", path: endpoint.path, headers: ["Content-Type": Self.contentType], body: call.body)
        } catch {
            client.close()
            throw .connectionFailed("\(url): \(error)")
        }
        let keep = idle.withLock { idle -> Bool in
            guard idle[key, default: []].count < Self.maxIdleConnectionsPerServer else { return false }
            idle[key, default: []].append(client)
            return true
        }
        if !keep { client.close() }
        guard (200..<300).contains(response.status) else {
            let text = String(decoding: response.body.prefix(1024), as: UTF8.self)
            throw .httpStatus(response.status, body: text)
        }
        let type = response.headers["Content-Type"]
        guard type == Self.contentType else { throw .unexpectedContentType(type) }
        return response.body
    }
}
