/// What the `deploy` commands read from the app itself, so the files they write agree with it: the module.yaml
/// (components format), where the runtime reaches the functions (the endpoint URLs' host and port become the
/// function's Service, or compose service, and its port), the Kafka brokers and the topics the ingresses read.
package struct DeploymentSource: Sendable {
    /// `greeter` of `http://greeter.shop.svc.cluster.local:8000/statefun`: the service the runtime calls.
    package var serviceName: String
    /// `shop` of `http://greeter.shop.svc.cluster.local:8000/statefun`; `nil` for a one-label host.
    package var serviceNamespace: String?
    /// The host as the URLs write it.
    package var host: String
    /// The endpoints' port (80 when a URL gives none): the function serves on it.
    package var port: Int
    /// `app.moduleYAML()`: what every runtime side mounts.
    package var moduleYAML: String
    /// The distinct Kafka `address` values of the ingresses and egresses, in declaration order.
    package var kafkaAddresses: [String]
    /// The topics the Kafka ingresses read, in declaration order, without repeats.
    package var ingressTopics: [String]

    /// Reads `app`; records every problem that keeps it from being deployed as one HTTP service (validation
    /// errors, no endpoint, endpoints on several hosts or not plain `http://host[:port]/path`) in `problems`;
    /// `nil` when there was one.
    package static func read(_ app: App, into problems: inout DeployProblems) -> DeploymentSource? {
        let before = problems.diagnostics.count
        for diagnostic in app.validate() where diagnostic.severity == .error {
            problems.error(diagnostic.code, diagnostic.declaration, diagnostic.message)
        }
        let endpoints = app.model.endpoints
        if endpoints.isEmpty {
            problems.error(
                "deploy-no-endpoint", "app",
                "the app declares no Endpoint: the runtime would not know where to call the functions")
        }
        var hosts: [(host: String, port: Int)] = []
        for endpoint in endpoints {
            guard let parsed = hostAndPort(endpoint.urlPathTemplate) else {
                problems.error(
                    "deploy-endpoint-url", "endpoint \(endpoint.urlPathTemplate)",
                    "the endpoint URL '\(endpoint.urlPathTemplate)' is not http://host[:port]/path: the function "
                        + "is deployed as one plain-HTTP service the runtime calls by name (terminate TLS in front "
                        + "of it, or pass module-yaml --endpoint to override)")
                continue
            }
            if !hosts.contains(where: { $0 == parsed }) { hosts.append(parsed) }
        }
        if hosts.count > 1 {
            let names = hosts.map { "\($0.host):\($0.port)" }.joined(separator: ", ")
            problems.error(
                "deploy-endpoint-hosts", "app",
                "the endpoints name several hosts (\(names)); one function service is deployed, so every "
                    + "Endpoint must name the same host and port")
        }
        let labels = hosts.first.map { $0.host.split(separator: ".").map(String.init) } ?? []
        if let first = labels.first, let problem = DeployRules.dns1035Label(first) {
            problems.error(
                "deploy-endpoint-host", "endpoint host \(hosts[0].host)",
                "the endpoint host must start with the function's service name: \(problem)")
        }
        var kafkaAddresses: [String] = []
        var ingressTopics: [String] = []
        for ingress in app.model.ingresses {
            if case .kafka(let kafka) = ingress.declaration, !kafkaAddresses.contains(kafka.address) {
                kafkaAddresses.append(kafka.address)
            }
            for route in ingress.routes where route.kind == .kafka && !ingressTopics.contains(route.topic) {
                ingressTopics.append(route.topic)
            }
        }
        for egress in app.model.egresses {
            if case .kafka(let kafka) = egress.declaration, !kafkaAddresses.contains(kafka.address) {
                kafkaAddresses.append(kafka.address)
            }
        }
        guard problems.diagnostics.count == before, let endpoint = hosts.first, let name = labels.first else {
            return nil
        }
        return DeploymentSource(
            serviceName: name, serviceNamespace: labels.count > 1 ? labels[1] : nil, host: endpoint.host,
            port: endpoint.port, moduleYAML: app.moduleYAML(), kafkaAddresses: kafkaAddresses,
            ingressTopics: ingressTopics)
    }

    /// Host and port of `http://host[:port]/…` (port 80 when absent); `nil` for anything else (`https`, Unix
    /// sockets, IP literals in brackets, a port out of range).
    package static func hostAndPort(_ url: String) -> (host: String, port: Int)? {
        guard url.hasPrefix("http://") else { return nil }
        let authority = url.dropFirst("http://".count).prefix { $0 != "/" }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let host = parts.first, !host.isEmpty,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else { return nil }
        guard parts.count == 2 else { return (String(host), 80) }
        guard let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
        return (String(host), port)
    }

    /// Host and port of a Kafka `address` naming one broker (`host:port`); `nil` otherwise.
    package static func broker(_ address: String) -> (host: String, port: Int)? {
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = Int(parts[1]), (1...65535).contains(port),
            DeployRules.dns1123Label(String(parts[0])) == nil
        else { return nil }
        return (String(parts[0]), port)
    }
}
