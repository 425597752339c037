import StateFunProtocol
// Formats "1.0" and "2.0" of StateFun 2.x (protocol.md §5.1, §5.2, §5.5): one entry per function, each with its
// own endpoint URL, states and timeouts.

extension ModuleRenderer {
    mutating func legacySpecV2() -> [(key: String, value: YAMLNode)] {
        var functions: [YAMLNode] = []
        for endpoint in resolvedEndpoints() {
            noteTransportDowngrade(endpoint.definition)
            for function in endpoint.functions {
                functions.append(functionEntry(function, endpoint.definition))
            }
        }
        var ingresses: [YAMLNode] = []
        for ingress in model.ingresses {
            guard let (type, spec) = ingressV2(ingress) else { continue }
            ingresses.append(legacyEntry("ingress", type: type, id: ingress.id, spec: spec))
        }
        var egresses: [YAMLNode] = []
        for egress in model.egresses {
            guard let (type, spec) = egressV2(egress) else { continue }
            egresses.append(legacyEntry("egress", type: type, id: egress.id, spec: spec))
        }
        var spec: [(key: String, value: YAMLNode)] = []
        if !functions.isEmpty { spec.append((key: "functions", value: .sequence(functions))) }
        if !ingresses.isEmpty { spec.append((key: "ingresses", value: .sequence(ingresses))) }
        if !egresses.isEmpty { spec.append((key: "egresses", value: .sequence(egresses))) }
        return spec
    }

    /// `- function: {meta: {kind: http, type}, spec: {endpoint, states, maxNumBatchRequests, timeout, ...}}`.
    private mutating func functionEntry(_ function: FunctionDefinition, _ endpoint: EndpointDefinition) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = [
            (key: "endpoint", value: .string(endpoint.url(for: function.typeName, template: urlTemplate(endpoint)))),
            (key: "states", value: .sequence(function.specs.map { state(function, $0) })),
            (key: "maxNumBatchRequests", value: .int(Int64(endpoint.maxNumBatchRequests))),
        ]
        // 2.0/2.1 read only `timeout`; 2.2 also the other three (ignored by older runtimes).
        let names = ["call": "timeout", "connect": "connectTimeout", "read": "readTimeout", "write": "writeTimeout"]
        for (name, duration) in timeoutPairs(endpoint) {
            spec.append((key: names[name] ?? name, value: .string(FlinkDuration.text(duration))))
        }
        return [
            "function": [
                "meta": ["kind": "http", "type": .string(function.typeName.description)],
                "spec": .mapping(spec),
            ]
        ]
    }

    /// 1.0: the state's name. 2.0: `{name, expireAfter, expireMode}` (`after-invoke` or `after-write`, 2.2).
    private mutating func state(_ function: FunctionDefinition, _ spec: AnyValueSpec) -> YAMLNode {
        if format == .v1_0 {
            if spec.expiration != .none {
                note(
                    "format 1.0 has no state expiration: state '\(spec.name)' of \(function.typeName) never expires "
                        + "here (use format 2.0 on StateFun 2.1+).")
            }
            return .string(spec.name)
        }
        switch spec.expiration {
        case .none:
            return ["name": .string(spec.name)]
        case .afterCall(let duration):
            return ["name": .string(spec.name), "expireAfter": .string(FlinkDuration.text(duration)), "expireMode": "after-invoke"]
        case .afterWrite(let duration):
            return ["name": .string(spec.name), "expireAfter": .string(FlinkDuration.text(duration)), "expireMode": "after-write"]
        }
    }
}
