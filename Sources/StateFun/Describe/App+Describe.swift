extension App {
    /// A readable summary of the app: each function with its states, accepted message types, catch-all,
    /// emitted egresses and endpoint; each ingress with its routes; each egress; each endpoint.
    public func describe() -> String {
        var lines: [String] = [AppSummary(model: model).headline, ""]
        for function in model.functions {
            lines.append("function \(function.typeName)")
            for spec in function.specs {
                lines.append("  state \(spec.name): \(spec.typeName), \(AppSummary.expirationText(spec.expiration))")
            }
            for handler in function.handlers { lines.append("  handles \(handler.typeName)") }
            lines.append(function.otherwise == nil ? "  no catch-all (other messages fail)" : "  catch-all: Otherwise")
            for target in function.sends { lines.append("  sends to \(target)") }
            for egress in function.egresses { lines.append("  emits \(egress)") }
            if !function.declaresRouting { lines.append("  routing not declared (sends and egress writes unchecked)") }
            switch function.failurePolicy {
            case .retry: lines.append("  on permanent failure: retry")
            case .discard: lines.append("  on permanent failure: discard the invocation")
            case .deadLetter(let target): lines.append("  on permanent failure: dead-letter to \(target.description)")
            }
            if let endpoint = model.endpoint(for: function.typeName) {
                lines.append("  served by endpoint \(endpoint.functions) at \(endpoint.url(for: function.typeName))")
            } else {
                lines.append("  served by no endpoint (module.yaml uses \(Endpoint.defaultURL))")
            }
            lines.append("")
        }
        for ingress in model.ingresses {
            lines.append("\(ingress.kind.rawValue) ingress \(ingress.id)")
            lines += AppSummary.ingressSettings(ingress).map { "  " + $0 }
            for route in ingress.routes {
                let unit = route.kind == .kafka ? "topic" : "stream"
                let targets = route.targets.map(\.description).joined(separator: ", ")
                lines.append("  \(unit) \(route.topic) (\(route.valueType)) -> \(targets)")
            }
            lines.append("")
        }
        for egress in model.egresses {
            lines.append("\(egress.kind.rawValue) egress \(egress.id)")
            lines += AppSummary.egressSettings(egress).map { "  " + $0 }
            lines.append("")
        }
        for endpoint in model.endpoints {
            lines.append("endpoint \(endpoint.functions)")
            lines.append("  url \(endpoint.urlPathTemplate)")
            var settings = ["transport \(AppSummary.transportName(endpoint.transport))", "max batch \(endpoint.maxNumBatchRequests)"]
            let timeouts = AppSummary.timeouts(endpoint.timeouts)
            if !timeouts.isEmpty {
                settings.append("timeouts " + timeouts.map { "\($0.name) \($0.text)" }.joined(separator: ", "))
            }
            lines.append("  " + settings.joined(separator: ", "))
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The app as stable JSON (keys in a fixed order, two-space indentation), for tools and tests:
    /// `functions` (type, states {name, type, expiration}, accepts, catchAll, sends, emits, declaresRouting,
    /// endpoint), `ingresses`
    /// (id, kind, routes {topic, valueType, targets}), `egresses` (id, kind) and `endpoints` (functions, url,
    /// maxNumBatchRequests as module.yaml names it, transport, timeouts). Durations are module.yaml text (`2min`)
    /// and milliseconds.
    public func describeJSON() -> String {
        let functions: [JSONNode] = model.functions.map { function in
            let states: [JSONNode] = function.specs.map { spec in
                .object([
                    (key: "name", value: .string(spec.name)),
                    (key: "type", value: .string(spec.typeName.description)),
                    (key: "expiration", value: AppSummary.expirationJSON(spec.expiration)),
                ])
            }
            let endpoint = model.endpoint(for: function.typeName).map { JSONNode.string($0.functions) } ?? .null
            return .object([
                (key: "type", value: .string(function.typeName.description)),
                (key: "states", value: .array(states)),
                (key: "accepts", value: .array(function.handlers.map { .string($0.typeName.description) })),
                (key: "catchAll", value: .bool(function.otherwise != nil)),
                (key: "sends", value: .array(function.sends.map { .string($0.description) })),
                (key: "emits", value: .array(function.egresses.map { .string($0.description) })),
                (key: "declaresRouting", value: .bool(function.declaresRouting)),
                (key: "endpoint", value: endpoint),
                (key: "onFailure", value: Self.failurePolicyJSON(function.failurePolicy)),
            ])
        }
        let ingresses: [JSONNode] = model.ingresses.map { ingress in
            let routes: [JSONNode] = ingress.routes.map { route in
                .object([
                    (key: route.kind == .kafka ? "topic" : "stream", value: .string(route.topic)),
                    (key: "valueType", value: .string(route.valueType.description)),
                    (key: "targets", value: .array(route.targets.map { .string($0.description) })),
                ])
            }
            return .object([
                (key: "id", value: .string(ingress.id.description)),
                (key: "kind", value: .string(ingress.kind.rawValue)),
                (key: "routes", value: .array(routes)),
            ])
        }
        let egresses: [JSONNode] = model.egresses.map { egress in
            .object([(key: "id", value: .string(egress.id.description)), (key: "kind", value: .string(egress.kind.rawValue))])
        }
        let endpoints: [JSONNode] = model.endpoints.map { endpoint in
            .object([
                (key: "functions", value: .string(endpoint.functions)),
                (key: "url", value: .string(endpoint.urlPathTemplate)),
                (key: "maxNumBatchRequests", value: .int(Int64(endpoint.maxNumBatchRequests))),
                (key: "transport", value: .string(AppSummary.transportName(endpoint.transport))),
                (key: "timeouts", value: .object(AppSummary.timeouts(endpoint.timeouts).map { (key: $0.name, value: .string($0.text)) })),
            ])
        }
        return JSONNode.object([
            (key: "functions", value: .array(functions)),
            (key: "ingresses", value: .array(ingresses)),
            (key: "egresses", value: .array(egresses)),
            (key: "endpoints", value: .array(endpoints)),
        ]).rendered()
    }

    /// `{"policy": "retry"}`, `{"policy": "discard"}` or `{"policy": "dead_letter", "egress": …, "topic"|"stream": …}`.
    static func failurePolicyJSON(_ policy: FailurePolicy) -> JSONNode {
        guard case .deadLetter(let target) = policy else { return .object([(key: "policy", value: .string(policy.name))]) }
        var fields: [(key: String, value: JSONNode)] = [
            (key: "policy", value: .string(policy.name)), (key: "egress", value: .string(target.egress.description)),
        ]
        switch target.destination {
        case .kafka(let topic): fields.append((key: "topic", value: .string(topic)))
        case .kinesis(let stream): fields.append((key: "stream", value: .string(stream)))
        case .value: break
        }
        return .object(fields)
    }
}
