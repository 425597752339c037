/// A response for the server to send.
///
/// The server frames it: it always sends `Content-Length` (replacing any the responder
/// set, and dropping `Transfer-Encoding`), and adds `Connection: close` when it will close
/// the connection. Every other header is sent exactly as given, in order; in particular
/// the server never adds parameters to `Content-Type`.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code, 200...999 (1xx interim responses are the server's business).
    public var status: Int

    /// Header fields to send, in order.
    public var headers: HTTPHeaders

    /// The body. Not sent for `HEAD` requests and for 204 and 304 responses.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
