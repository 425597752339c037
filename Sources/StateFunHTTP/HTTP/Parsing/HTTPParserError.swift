/// Why a request could not be parsed; each case maps to the status the server answers with.
///
/// After any of these the server closes the connection: the message framing can no longer
/// be trusted (RFC 9112 §6.3 and §9.6).
public enum HTTPParserError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request line is not `method SP target SP version` (RFC 9112 §3). `400`.
    case invalidRequestLine
    /// The request line is longer than ``HTTPLimits/maxRequestLineBytes``. `414`.
    case requestLineTooLong
    /// The request target is not origin-, absolute- or asterisk-form, or has bad
    /// percent-encoding. `400`.
    case invalidTarget
    /// The version is well-formed but not HTTP/1.x. `505`.
    case unsupportedVersion
    /// A field line is malformed: no colon, a bad name, whitespace before the colon
    /// (RFC 9112 §5.1), obsolete line folding (§5.2), or a control character. `400`.
    case invalidHeader
    /// The header (or trailer) section is larger than ``HTTPLimits/maxHeaderBytes``. `431`.
    case headersTooLarge
    /// More fields than ``HTTPLimits/maxHeaderCount``. `431`.
    case tooManyHeaders
    /// More than one `Host` field, or one whose value is not `uri-host [ ":" port ]`
    /// (RFC 9112 §3.2, RFC 3986 §3.2.2). `400`.
    case invalidHost
    /// `Content-Length` is not a non-negative decimal, or repeats with different values
    /// (RFC 9112 §6.3). `400`.
    case invalidContentLength
    /// Both `Content-Length` and `Transfer-Encoding` are present; RFC 9112 §6.1 allows
    /// treating this as an error, which the server does to avoid request smuggling. `400`.
    case conflictingFraming
    /// `Transfer-Encoding` whose final coding is not `chunked`, or in an HTTP/1.0 request
    /// (RFC 9112 §6.1 and §6.3). `400`.
    case invalidTransferEncoding
    /// A transfer coding other than a single `chunked` (e.g. `gzip, chunked`). `501`.
    case unsupportedTransferCoding
    /// A POST, PUT or PATCH with neither `Content-Length` nor `Transfer-Encoding`. `411`.
    case lengthRequired
    /// The body is larger than ``HTTPLimits/maxBodyBytes``. `413`.
    case bodyTooLarge
    /// Chunked framing is broken: a bad chunk size, chunk extensions outside §7.1.1's
    /// grammar, a missing CRLF after chunk data, an overlong chunk-size line, or a
    /// malformed trailer (RFC 9112 §7.1). `400`.
    case invalidChunk

    /// The status code the server answers this error with.
    public var status: Int {
        switch self {
        case .requestLineTooLong: 414
        case .unsupportedVersion: 505
        case .headersTooLarge, .tooManyHeaders: 431
        case .unsupportedTransferCoding: 501
        case .lengthRequired: 411
        case .bodyTooLarge: 413
        case .invalidRequestLine, .invalidTarget, .invalidHeader, .invalidHost, .invalidContentLength,
            .conflictingFraming, .invalidTransferEncoding, .invalidChunk:
            400
        }
    }

    /// A short explanation, used as the body of the error response.
    public var description: String {
        switch self {
        case .invalidRequestLine: "malformed request line"
        case .requestLineTooLong: "request line too long"
        case .invalidTarget: "malformed request target"
        case .unsupportedVersion: "HTTP version not supported; use HTTP/1.1"
        case .invalidHeader: "malformed header field"
        case .headersTooLarge: "header section too large"
        case .tooManyHeaders: "too many header fields"
        case .invalidHost: "invalid or repeated Host header field"
        case .invalidContentLength: "invalid Content-Length"
        case .conflictingFraming: "both Content-Length and Transfer-Encoding present"
        case .invalidTransferEncoding: "invalid Transfer-Encoding: chunked must be the final coding"
        case .unsupportedTransferCoding: "unsupported transfer coding; only chunked is implemented"
        case .lengthRequired: "Content-Length or chunked Transfer-Encoding required"
        case .bodyTooLarge: "request body too large"
        case .invalidChunk: "malformed chunked body"
        }
    }
}
