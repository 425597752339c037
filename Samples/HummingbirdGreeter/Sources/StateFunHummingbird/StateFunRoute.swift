public import Hummingbird
public import StateFun

/// Serves a StateFun ``RequestReplyHandler`` on a Hummingbird router: the runtime `POST`s a serialized
/// `ToFunction`, the route answers the handler's `FromFunction` with `Content-Type: application/octet-stream`
/// (what the Python SDK's Flask and aiohttp examples set by hand).
///
/// Statuses follow the SDK's own server: 200 with the reply; 400 when the body is not a request of the
/// handler's protocol; 404 when it names a function the app does not declare; 413 when the body exceeds
/// ``maxRequestBytes``; 500 when a function failed (the runtime retries the batch).
public struct StateFunRoute: Sendable {
    /// The largest request body accepted by default: 32 MiB, the StateFun runtime's own `payload_max_bytes`
    /// default for a function call.
    public static let defaultMaxRequestBytes = 32 * 1024 * 1024

    /// The media type of requests and replies.
    public static let contentType = "application/octet-stream"

    /// The handler that answers the runtime.
    public let handler: RequestReplyHandler
    /// Bodies longer than this are refused with 413 before the handler sees them.
    public let maxRequestBytes: Int

    /// A route for `handler`, refusing bodies over `maxRequestBytes`.
    public init(handler: RequestReplyHandler, maxRequestBytes: Int = StateFunRoute.defaultMaxRequestBytes) {
        self.handler = handler
        self.maxRequestBytes = maxRequestBytes
    }

    /// Answers one call of the runtime.
    public func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: maxRequestBytes)
        do {
            let reply = try await handler.handle(Array(body.readableBytesView))
            return Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply)))
        } catch {
            let status: HTTPResponse.Status =
                switch error {
                case .malformedRequest: .badRequest
                case .unknownFunction: .notFound
                case .tooManyInvocations: .contentTooLarge
                default: .internalServerError
                }
            return Response(
                status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: error.description + "\n")))
        }
    }
}

extension Router {
    /// Mounts `route` at `POST path` (`/statefun` by default, the path the walkthrough's module.yaml names).
    @discardableResult
    public func addStateFun(_ route: StateFunRoute, at path: RouterPath = "/statefun") -> Self {
        post(path) { request, _ in try await route.respond(to: request) }
        return self
    }
}
