#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import StateFun

/// What a deployment needs to know about an app, read from its own descriptions (`describe --json` and its
/// module.yaml): where the runtime reaches the functions, which Kafka cluster its ingresses and egresses use,
/// and which topics its ingresses read.
struct AppTopology {
    /// The host and port every endpoint URL names: the function container's service name and port.
    var functionHost: String
    var functionPort: Int
    /// The Kafka brokers' host and port (`address` of every Kafka ingress and egress).
    var kafkaHost: String
    var kafkaPort: Int
    /// The topics the Kafka ingresses read, in declaration order.
    var ingressTopics: [String]
    /// The runtime's module.yaml (components format, StateFun 3.1+).
    var moduleYAML: String

    struct HostPort: Hashable {
        var host: String
        var port: Int
        var description: String { "\(host):\(port)" }
    }

    private struct Description: Decodable {
        struct Ingress: Decodable {
            struct Route: Decodable { var topic: String }
            var kind: String
            var routes: [Route]
        }
        struct Endpoint: Decodable { var url: String }
        var ingresses: [Ingress]
        var endpoints: [Endpoint]
    }

    init(app: App) throws(DeploymentError) {
        var problems: [String] = []
        let errors = app.validate().filter { $0.severity == .error }
        problems += errors.map { "the app has an error: \($0)" }

        let description: Description
        do {
            description = try JSONDecoder().decode(Description.self, from: Data(app.describeJSON().utf8))
        } catch {
            throw DeploymentError(problems: problems + ["the app's description does not read back: \(error)"])
        }

        // The function service: one host and port for every endpoint, plain HTTP.
        let hosts = Set(description.endpoints.compactMap { Self.hostAndPort(httpURL: $0.url) })
        for endpoint in description.endpoints where Self.hostAndPort(httpURL: endpoint.url) == nil {
            problems.append("endpoint URL '\(endpoint.url)' is not http://host[:port]/path (the compose file runs the functions as one plain-HTTP service)")
        }
        if description.endpoints.isEmpty {
            problems.append("the app declares no Endpoint: the runtime would not know where the functions are")
        }
        if hosts.count > 1 {
            problems.append("the endpoints name several hosts (\(hosts.map(\.description).sorted().joined(separator: ", "))); one function service is supported")
        }

        // The Kafka cluster: one address for every Kafka ingress and egress.
        moduleYAML = app.moduleYAML()
        let addresses = Set(Self.addresses(inModuleYAML: moduleYAML))
        let brokers = addresses.compactMap { Self.hostAndPort(address: $0) }
        if addresses.count != 1 || brokers.count != 1 {
            problems.append(
                "the Kafka ingresses and egresses must name one broker address host:port (found: \(addresses.sorted().joined(separator: ", ")))")
        }

        ingressTopics = description.ingresses.filter { $0.kind == "kafka" }.flatMap { $0.routes.map(\.topic) }
        if ingressTopics.isEmpty { problems.append("the app reads no Kafka topic") }

        guard problems.isEmpty, let function = hosts.first, let broker = brokers.first else {
            throw DeploymentError(problems: problems)
        }
        functionHost = function.host
        functionPort = function.port
        kafkaHost = broker.host
        kafkaPort = broker.port
    }

    /// `host` and port of `http://host[:port]/...` (port 80 when absent); `nil` for other URLs.
    static func hostAndPort(httpURL url: String) -> HostPort? {
        guard url.hasPrefix("http://") else { return nil }
        let authority = url.dropFirst("http://".count).prefix { $0 != "/" }
        return hostAndPort(address: authority.contains(":") ? String(authority) : authority + ":80")
    }

    /// `host` and port of `host:port`; `nil` when it is not that.
    static func hostAndPort(address: String) -> HostPort? {
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
        let host = String(parts[0])
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else { return nil }
        return HostPort(host: host, port: port)
    }

    /// The values of every `address:` key in the module.yaml the SDK writes (one key per line, a plain or
    /// double-quoted scalar).
    static func addresses(inModuleYAML yaml: String) -> [String] {
        yaml.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("address: ") else { return nil }
            var value = trimmed.dropFirst("address: ".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
    }
}

