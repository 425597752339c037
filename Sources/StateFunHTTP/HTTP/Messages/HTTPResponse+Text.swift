extension HTTPResponse {
    /// A `text/plain; charset=utf-8` response whose body is `message` followed by a newline.
    public static func text(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: Array((message + "\n").utf8)
        )
    }

    /// `404 Not Found` with a short text body, for the routing layer above the server.
    public static func notFound(_ message: String = "not found") -> HTTPResponse {
        .text(404, message)
    }

    /// `405 Method Not Allowed` with the `Allow` field RFC 9110 §15.5.6 requires,
    /// listing `allowedMethods`, for the routing layer above the server.
    public static func methodNotAllowed(
        allowedMethods: [String], _ message: String = "method not allowed"
    ) -> HTTPResponse {
        var response = HTTPResponse.text(405, message)
        response.headers.add(name: "Allow", value: allowedMethods.joined(separator: ", "))
        return response
    }

    /// The standard reason phrase for `status` (RFC 9110 §15), or an empty string for an
    /// unregistered code; reason phrases carry no meaning (RFC 9112 §4).
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }
}
