// The component format of StateFun 3.1+ (protocol.md §5.4) and format "3.0" (§5.3).

extension ModuleRenderer {
    static let okhttpTransport = "io.statefun.transports.v1/okhttp"
    static let asyncTransport = "io.statefun.transports.v1/async"

    mutating func componentDocuments() -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        for endpoint in resolvedEndpoints() {
            let spec = endpointSpecV2(endpoint.definition)
            documents.append(YAMLDocument(root: ["kind": "io.statefun.endpoints.v2/http", "spec": .mapping(spec)]))
        }
        for ingress in model.ingresses {
            guard let (kind, spec) = ingressComponent(ingress) else { continue }
            documents.append(YAMLDocument(root: ["kind": .string(kind), "spec": .mapping(spec)]))
        }
        for egress in model.egresses {
            guard let (kind, spec) = egressComponent(egress, legacy: false) else { continue }
            documents.append(YAMLDocument(root: ["kind": .string(kind), "spec": .mapping(spec)]))
        }
        return documents
    }

    /// `io.statefun.endpoints.v2/http` spec: functions, urlPathTemplate, maxNumBatchRequests, transport.
    private mutating func endpointSpecV2(_ endpoint: EndpointDefinition) -> [(key: String, value: YAMLNode)] {
        var transport: [(key: String, value: YAMLNode)] = []
        let timeouts = timeoutPairs(endpoint).map { (key: $0.name, value: YAMLNode.string(FlinkDuration.text($0.duration))) }
        switch endpoint.transport {
        case .okhttp:
            transport.append((key: "type", value: .string(Self.okhttpTransport)))
            if !timeouts.isEmpty { transport.append((key: "timeouts", value: .mapping(timeouts))) }
        case .async(let options):
            // Top-level `call`/`connect` (read by 3.1 and later; a `timeouts` object would reset the call default).
            transport.append((key: "type", value: .string(Self.asyncTransport)))
            transport += timeouts
            if let ttl = options.poolTTL { transport.append((key: "pool_ttl", value: .string(FlinkDuration.text(ttl)))) }
            if let size = options.poolSize { transport.append((key: "pool_size", value: .int(Int64(size)))) }
            if let bytes = options.payloadMaxBytes {
                transport.append((key: "payload_max_bytes", value: .int(Int64(bytes))))
            }
            let tls: [(String, String?)] = [
                ("trust_cacerts", options.trustCACerts), ("client_cert", options.clientCert),
                ("client_key", options.clientKey), ("client_key_password", options.clientKeyPassword),
            ]
            for case (let key, let value?) in tls { transport.append((key: key, value: .string(value))) }
        }
        return [
            (key: "functions", value: .string(endpoint.functions)),
            (key: "urlPathTemplate", value: .string(urlTemplate(endpoint))),
            (key: "maxNumBatchRequests", value: .int(Int64(endpoint.maxNumBatchRequests))),
            (key: "transport", value: .mapping(transport)),
        ]
    }

    /// Format "3.0": `module.spec.{endpoints, ingresses, egresses}` with `meta` blocks.
    mutating func legacySpecV30() -> [(key: String, value: YAMLNode)] {
        var endpoints: [YAMLNode] = []
        for endpoint in resolvedEndpoints() {
            let definition = endpoint.definition
            noteTransportDowngrade(definition)
            var spec: [(key: String, value: YAMLNode)] = [
                (key: "functions", value: .string(definition.functions)),
                (key: "urlPathTemplate", value: .string(urlTemplate(definition))),
                (key: "maxNumBatchRequests", value: .int(Int64(definition.maxNumBatchRequests))),
            ]
            let timeouts = timeoutPairs(definition)
            if !timeouts.isEmpty {
                spec.append(
                    (key: "timeouts", value: .mapping(timeouts.map { (key: $0.name, value: .string(FlinkDuration.text($0.duration))) })))
            }
            endpoints.append(["endpoint": ["meta": ["kind": "http"], "spec": .mapping(spec)]])
        }
        var ingresses: [YAMLNode] = []
        for ingress in model.ingresses {
            guard let (kind, spec) = ingressComponent(ingress) else { continue }
            let type = kind == "io.statefun.kafka.v1/ingress" ? "io.statefun.kafka/ingress" : "io.statefun.kinesis/ingress"
            ingresses.append(legacyEntry("ingress", type: type, id: ingress.id, spec: spec))
        }
        var egresses: [YAMLNode] = []
        for egress in model.egresses {
            guard let (kind, spec) = egressComponent(egress, legacy: true) else { continue }
            let type = kind == "io.statefun.kafka.v1/egress" ? "io.statefun.kafka/egress" : "io.statefun.kinesis/egress"
            egresses.append(legacyEntry("egress", type: type, id: egress.id, spec: spec))
        }
        var spec: [(key: String, value: YAMLNode)] = []
        if !endpoints.isEmpty { spec.append((key: "endpoints", value: .sequence(endpoints))) }
        if !ingresses.isEmpty { spec.append((key: "ingresses", value: .sequence(ingresses))) }
        if !egresses.isEmpty { spec.append((key: "egresses", value: .sequence(egresses))) }
        return spec
    }

    /// `- ingress: {meta: {type, id}, spec}` (the id moves from the spec to `meta`).
    func legacyEntry(_ role: String, type: String, id: TypeName, spec: [(key: String, value: YAMLNode)]) -> YAMLNode {
        let rest = spec.filter { $0.key != "id" }
        return [role: ["meta": ["type": .string(type), "id": .string(id.description)], "spec": .mapping(rest)]]
    }
}
