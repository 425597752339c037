package import StateFunHTTP
import StateFunProtocol

/// Routes HTTP requests to an app: the function endpoint, health, readiness, describe and metrics.
///
/// Statuses (Docs/HTTPServer.md): 200 with `Content-Type: application/octet-stream` exactly (OkHttp rejects
/// anything else, protocol.md §4); 400 when the body is no valid `ToFunction`; 404 for an unknown path or
/// function type (named); 413 when a batch holds more invocations than ``BatchLimits/maxInvocations``; 405 with `Allow` for a wrong method; 500 with a short text when a handler fails
/// (the runtime retries the batch; no effect of it is returned).
package struct FunctionRouter: Sendable {
    private let handler: RequestReplyHandler
    private let functionPaths: Set<String>
    /// Endpoint URL templates' paths split at `{function.name}`: (prefix, suffix).
    private let templates: [(prefix: String, suffix: String)]
    private let describeJSON: String?
    private let ready: @Sendable () -> Bool
    /// What watches the batches and the server (log, metrics, the app's own); nil when nothing does.
    package let instrumentation: (any Instrumentation)?
    /// Batches answered and failed, for the shutdown line.
    package let tally = BatchTally()
    /// The registry `GET /metrics` serves, when metrics are on.
    private let metrics: MetricsRegistry?

    package init(app: App, configuration: ServeConfiguration, ready: @escaping @Sendable () -> Bool = { true }) {
        instrumentation = configuration.instrumentation(tally: tally)
        metrics = configuration.metrics
        handler = RequestReplyHandler(
            app: app, protocolVersion: configuration.protocolVersion, limits: configuration.batchLimits,
            instrumentation: instrumentation)
        var paths: Set<String> = [Self.normalized(configuration.path)]
        var templates: [(String, String)] = []
        for endpoint in app.model.endpoints {
            let path = Self.normalized(Self.path(ofURL: endpoint.urlPathTemplate))
            if let range = path.firstRange(of: "{function.name}") {
                templates.append((String(path[..<range.lowerBound]), String(path[range.upperBound...])))
            } else if !path.isEmpty {
                paths.insert(path)
            }
        }
        functionPaths = paths
        self.templates = templates
        describeJSON = configuration.servesDescribe ? app.describeJSON() : nil
        self.ready = ready
    }

    /// The path part of an endpoint URL (`http://host:8000/statefun` → `/statefun`); a bare path stays as it is.
    package static func path(ofURL url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        // http+unix://: the socket file ends with ".sock"; what follows is the HTTP path (UnixDomainHttpEndpoint).
        if url.hasPrefix("http+unix") || url.hasPrefix("https+unix"), let sock = rest.firstRange(of: ".sock") {
            return String(rest[sock.upperBound...])
        }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    /// Collapses leading slashes (OkHttp over a Unix socket sends `/%2Fstatefun`, i.e. `//statefun`) and drops a
    /// trailing one.
    package static func normalized(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("//") { trimmed = trimmed.dropFirst() }
        if trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if !trimmed.hasPrefix("/") { return "/" + trimmed }
        return String(trimmed)
    }

    private func isFunctionPath(_ path: String) -> Bool {
        if functionPaths.contains(path) { return true }
        for (prefix, suffix) in templates where path.count > prefix.count + suffix.count {
            if path.hasPrefix(prefix), path.hasSuffix(suffix) {
                let name = path.dropFirst(prefix.count).dropLast(suffix.count)
                if !name.contains("/") { return true }
            }
        }
        return false
    }

    package func respond(_ request: HTTPRequest) async -> HTTPResponse {
        let path = Self.normalized(request.path)
        switch path {
        case "/health":
            guard request.method == "GET" || request.method == "HEAD" else {
                return .methodNotAllowed(allowedMethods: ["GET", "HEAD"])
            }
            return .text(200, "ok")
        case "/ready":
            guard request.method == "GET" || request.method == "HEAD" else {
                return .methodNotAllowed(allowedMethods: ["GET", "HEAD"])
            }
            return ready() ? .text(200, "ready") : .text(503, "not ready")
        case "/describe" where describeJSON != nil:
            guard request.method == "GET" || request.method == "HEAD" else {
                return .methodNotAllowed(allowedMethods: ["GET", "HEAD"])
            }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: Array((describeJSON ?? "").utf8))
        case "/metrics" where metrics != nil:
            guard request.method == "GET" || request.method == "HEAD" else {
                return .methodNotAllowed(allowedMethods: ["GET", "HEAD"])
            }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": MetricsRegistry.prometheusContentType],
                body: Array((metrics?.prometheusText() ?? "").utf8))
        default:
            break
        }
        guard isFunctionPath(path) else { return .notFound("no route for \(request.path)") }
        guard request.method == "POST" else { return .methodNotAllowed(allowedMethods: ["POST"]) }
        do {
            let body = try await handler.handle(request.body)
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: body)
        } catch {
            switch error {
            case .malformedRequest: return .text(400, error.description)
            case .unknownFunction: return .text(404, error.description)
            case .tooManyInvocations:
                instrumentation?.serverEvent(.limitHit(status: 413, limit: "max_invocations", peer: nil))
                return .text(413, error.description)
            default: return .text(500, error.description)
            }
        }
    }
}
