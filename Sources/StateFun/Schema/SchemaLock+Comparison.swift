extension SchemaLock {
    /// What changed from `lock` (the deployed contract) to `self` (the app now), as diagnostics: a change that
    /// orphans stored state, loses records an ingress routes, or breaks an egress consumer is an error; a change
    /// that may break senders outside the app is a warning; an addition is a note. Sorted by declaration, so the
    /// report is stable.
    package func changes(since lock: SchemaLock) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Which (function, type) pairs the deployed ingresses route: removing such a handler loses records.
        var routed: [String: Set<String>] = [:]
        for ingress in lock.ingresses.values {
            for route in ingress.routes { for target in route.targets { routed[target, default: []].insert(route.valueType) } }
        }
        for (name, old) in lock.functions {
            let declaration = "function \(name)"
            guard let new = functions[name] else {
                let why = routed[name].map { "ingresses still route \($0.sorted().joined(separator: ", ")) to it" }
                    ?? (old.states.isEmpty ? "messages sent to it will fail" : "its stored state is orphaned")
                out.append(Diagnostic(.error, code: "schema-function-removed", declaration: declaration,
                    message: "function \(name) is in the schema lock but no longer declared: \(why)"))
                continue
            }
            out += Self.stateChanges(function: name, old: old.states, new: new.states)
            for type in old.handles where !new.handles.contains(type) && !new.catchAll {
                if routed[name]?.contains(type) == true {
                    out.append(Diagnostic(.error, code: "schema-handler-removed", declaration: declaration,
                        message: "function \(name) no longer handles \(type), which a deployed ingress routes to it"))
                } else {
                    out.append(Diagnostic(.warning, code: "schema-handler-removed", declaration: declaration,
                        message: "function \(name) no longer handles \(type); senders of it will fail"))
                }
            }
            for type in new.handles where !old.handles.contains(type) {
                out.append(Diagnostic(.note, code: "schema-handler-added", declaration: declaration,
                    message: "function \(name) now handles \(type)"))
            }
            if old.catchAll && !new.catchAll {
                out.append(Diagnostic(.warning, code: "schema-catch-all-removed", declaration: declaration,
                    message: "function \(name) no longer has an Otherwise: messages of other types will fail"))
            }
            for egress in new.emits where !old.emits.contains(egress) {
                out.append(Diagnostic(.note, code: "schema-emits-added", declaration: declaration,
                    message: "function \(name) now emits to \(egress)"))
            }
        }
        for name in functions.keys where lock.functions[name] == nil {
            out.append(Diagnostic(.note, code: "schema-function-added", declaration: "function \(name)",
                message: "function \(name) is new"))
        }
        out += ingressChanges(since: lock)
        for (id, old) in lock.egresses {
            let declaration = "egress \(id)"
            guard let new = egresses[id] else {
                out.append(Diagnostic(.error, code: "schema-egress-removed", declaration: declaration,
                    message: "egress \(id) is in the schema lock but no longer declared (renamed or removed): its consumers get nothing"))
                continue
            }
            if new.kind != old.kind {
                out.append(Diagnostic(.error, code: "schema-egress-kind-changed", declaration: declaration,
                    message: "egress \(id) changed from \(old.kind) to \(new.kind)"))
            }
        }
        for id in egresses.keys where lock.egresses[id] == nil {
            out.append(Diagnostic(.note, code: "schema-egress-added", declaration: "egress \(id)", message: "egress \(id) is new"))
        }
        return out.sorted { ($0.severity, $0.declaration, $0.message) < ($1.severity, $1.declaration, $1.message) }
    }

    private static func stateChanges(function: String, old: [String: State], new: [String: State]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let declaration = "function \(function)"
        for (name, was) in old {
            guard let now = new[name] else {
                out.append(Diagnostic(.error, code: "schema-state-removed", declaration: declaration,
                    message: "state '\(name)' of function \(function) is no longer declared: its stored values are orphaned"))
                continue
            }
            if now.typeName != was.typeName {
                out.append(Diagnostic(.error, code: "schema-state-type-changed", declaration: declaration,
                    message: "state '\(name)' of function \(function) changed type from \(was.typeName) to \(now.typeName): stored values will not decode"))
            }
            if now.expiration != was.expiration {
                out.append(Diagnostic(.warning, code: "schema-state-expiration-changed", declaration: declaration,
                    message: "state '\(name)' of function \(function) changed expiration from \(was.expiration) to \(now.expiration)"))
            }
        }
        for name in new.keys where old[name] == nil {
            out.append(Diagnostic(.note, code: "schema-state-added", declaration: declaration,
                message: "state '\(name)' of function \(function) is new"))
        }
        return out
    }

    private func ingressChanges(since lock: SchemaLock) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (id, old) in lock.ingresses {
            let declaration = "ingress \(id)"
            guard let new = ingresses[id] else {
                out.append(Diagnostic(.warning, code: "schema-ingress-removed", declaration: declaration,
                    message: "ingress \(id) is in the schema lock but no longer declared: its topics are no longer read"))
                continue
            }
            if new.kind != old.kind {
                out.append(Diagnostic(.error, code: "schema-ingress-kind-changed", declaration: declaration,
                    message: "ingress \(id) changed from \(old.kind) to \(new.kind)"))
            }
            for route in old.routes {
                let now = new.routes.filter { $0.topic == route.topic }
                if now.isEmpty {
                    out.append(Diagnostic(.warning, code: "schema-route-removed", declaration: declaration,
                        message: "ingress \(id) no longer reads \(route.topic)"))
                } else if !now.contains(where: { $0.valueType == route.valueType }) {
                    let types = now.map(\.valueType).joined(separator: ", ")
                    out.append(Diagnostic(.error, code: "schema-route-type-changed", declaration: declaration,
                        message: "ingress \(id) now types \(route.topic) as \(types) instead of \(route.valueType): records already in it keep the old type"))
                } else if let same = now.first(where: { $0.valueType == route.valueType }) {
                    for target in route.targets where !same.targets.contains(target) {
                        out.append(Diagnostic(.warning, code: "schema-route-target-removed", declaration: declaration,
                            message: "ingress \(id) no longer routes \(route.topic) to \(target)"))
                    }
                    for target in same.targets where !route.targets.contains(target) {
                        out.append(Diagnostic(.note, code: "schema-route-target-added", declaration: declaration,
                            message: "ingress \(id) now routes \(route.topic) to \(target)"))
                    }
                }
            }
            for route in new.routes where !old.routes.contains(where: { $0.topic == route.topic }) {
                out.append(Diagnostic(.note, code: "schema-route-added", declaration: declaration,
                    message: "ingress \(id) now reads \(route.topic) (\(route.valueType))"))
            }
        }
        for id in ingresses.keys where lock.ingresses[id] == nil {
            out.append(Diagnostic(.note, code: "schema-ingress-added", declaration: "ingress \(id)", message: "ingress \(id) is new"))
        }
        return out
    }
}
