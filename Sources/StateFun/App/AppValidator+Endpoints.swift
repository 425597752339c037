// Rules for endpoints (protocol.md §4 timeouts and transports, §5.4 io.statefun.endpoints.v2/http).

extension AppValidator {
    /// The OkHttp defaults (`DefaultHttpRequestReplyClientSpec.java`; 2.2 `HttpFunctionSpec.java`).
    static let defaultCall: Duration = .seconds(60)
    static let defaultConnectReadWrite: Duration = .seconds(10)

    mutating func checkEndpoints() {
        var patterns: Set<String> = []
        for endpoint in model.endpoints {
            let declaration = "endpoint \(endpoint.functions)"
            if let reason = endpoint.patternError {
                report(
                    .error, "invalid-endpoint-pattern", declaration,
                    "\(declaration): the functions pattern '\(endpoint.functions)' is invalid: \(reason)")
            } else if !model.functions.contains(where: { endpoint.covers($0.typeName) }) {
                report(.warning, "endpoint-covers-nothing", declaration, "\(declaration) covers no declared function")
            }
            if !patterns.insert(endpoint.functions).inserted {
                report(
                    .error, "duplicate-endpoint", declaration,
                    "\(declaration) is declared more than once; the runtime refuses two bindings of one pattern")
            }
            checkURL(endpoint, declaration)
            checkCount(endpoint.maxNumBatchRequests, setting: "maxNumBatchRequests", in: declaration, minimum: Int(Int32.min))
            checkTimeouts(endpoint, declaration)
            if case .async(let options) = endpoint.transport { checkAsync(options, declaration) }
        }
        checkCoverage()
    }

    private mutating func checkURL(_ endpoint: EndpointDefinition, _ declaration: String) {
        let url = endpoint.urlPathTemplate
        let schemes = ["http://", "https://", "http+unix://", "https+unix://"]
        guard let scheme = schemes.first(where: { url.lowercased().hasPrefix($0) }), url.count > scheme.count else {
            report(
                .error, "invalid-endpoint-url", declaration,
                "\(declaration): the URL '\(url)' must start with http://, https://, http+unix:// or https+unix:// "
                    + "and name a host or socket")
            return
        }
        if scheme.contains("+unix"), case .async = endpoint.transport {
            report(
                .error, "invalid-endpoint-url", declaration,
                "\(declaration): \(scheme) URLs work only with the OkHttp transport")
        }
        if url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            report(
                .error, "invalid-endpoint-url", declaration,
                "\(declaration): the URL '\(url)' contains spaces or control characters")
        }
    }

    private mutating func checkTimeouts(_ endpoint: EndpointDefinition, _ declaration: String) {
        let timeouts = endpoint.timeouts
        let settings: [(String, Duration?)] = [
            ("the call timeout", timeouts.call), ("the connect timeout", timeouts.connect),
            ("the read timeout", timeouts.read), ("the write timeout", timeouts.write),
        ]
        for case (let setting, let duration?) in settings {
            checkDuration(duration, setting: setting, in: declaration, zeroReason: "the runtime requires timeouts above 0")
        }
        switch endpoint.transport {
        case .okhttp:
            // The runtime compares with its defaults for unset timeouts.
            let call = timeouts.call ?? Self.defaultCall
            for (name, value) in [("connect", timeouts.connect), ("read", timeouts.read), ("write", timeouts.write)] {
                let effective = value ?? Self.defaultConnectReadWrite
                guard effective > call else { continue }
                let source = value == nil ? ", the runtime's default" : ""
                let callSource = timeouts.call == nil ? ", the runtime's default" : ""
                report(
                    .error, "timeout-exceeds-call", declaration,
                    "\(declaration): the \(name) timeout (\(FlinkDuration.text(effective))\(source)) exceeds the call "
                        + "timeout (\(FlinkDuration.text(call))\(callSource)); the runtime refuses that")
            }
        case .async:
            if timeouts.read != nil || timeouts.write != nil {
                report(
                    .warning, "transport-option-ignored", declaration,
                    "\(declaration): the asynchronous transport has no read or write timeouts; they are not written")
            }
        }
    }

    private mutating func checkAsync(_ options: Endpoint.AsyncTransport, _ declaration: String) {
        if let ttl = options.poolTTL {
            checkDuration(ttl, setting: "the pool TTL", in: declaration, allowZero: true, zeroReason: "")
        }
        if let size = options.poolSize { checkCount(size, setting: "the pool size", in: declaration, minimum: 1) }
        if let bytes = options.payloadMaxBytes {
            checkCount(bytes, setting: "payloadMaxBytes", in: declaration, minimum: 1)
        }
        if (options.clientCert == nil) != (options.clientKey == nil) {
            report(
                .error, "invalid-transport", declaration,
                "\(declaration): a client certificate and a client key must be given together")
        }
        if options.clientKeyPassword != nil && options.clientKey == nil {
            report(.error, "invalid-transport", declaration, "\(declaration): a client key password needs a client key")
        }
    }

    private mutating func checkCoverage() {
        guard !model.functions.isEmpty else { return }
        guard !model.endpoints.isEmpty else {
            report(
                .warning, "no-endpoints", "app",
                "app: no Endpoint is declared; module.yaml serves every function at \(Endpoint.defaultURL)")
            return
        }
        for function in model.functions where model.endpoint(for: function.typeName) == nil {
            let declaration = "function \(function.typeName)"
            report(
                .error, "uncovered-function", declaration,
                "\(declaration) is covered by no Endpoint; add one (e.g. functions: \"\(function.typeName.namespace)/*\")")
        }
    }
}
