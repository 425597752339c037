extension SchemaLock {
    /// The lock as JSON with every object's keys sorted and two-space indentation: the same app always gives the
    /// same bytes, and a change to the contract is a small line diff.
    package func rendered() -> String {
        func object(_ members: [(String, JSONNode)]) -> JSONNode {
            .object(members.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) })
        }
        func strings(_ values: [String]) -> JSONNode { .array(values.map(JSONNode.string)) }
        let functionNodes = functions.map { name, function in
            let states = function.states.map { stateName, state in
                (stateName, object([("type", .string(state.typeName)), ("expiration", .string(state.expiration))]))
            }
            return (
                name,
                object([
                    ("handles", strings(function.handles)), ("catchAll", .bool(function.catchAll)),
                    ("states", object(states)), ("emits", strings(function.emits)),
                ])
            )
        }
        let ingressNodes = ingresses.map { id, ingress in
            let routes = ingress.routes.map { route in
                object([("topic", .string(route.topic)), ("valueType", .string(route.valueType)), ("targets", strings(route.targets))])
            }
            return (id, object([("kind", .string(ingress.kind)), ("routes", .array(routes))]))
        }
        let egressNodes = egresses.map { id, egress in (id, object([("kind", .string(egress.kind))])) }
        return object([
            ("version", .int(Int64(Self.formatVersion))), ("functions", object(functionNodes)),
            ("ingresses", object(ingressNodes)), ("egresses", object(egressNodes)),
        ]).rendered()
    }
}
