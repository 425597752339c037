extension App {
    /// The app's contract as a ``SchemaLock`` (what `<app> schema` writes).
    package var schemaLock: SchemaLock { SchemaLock(model: model) }
}

extension SchemaLock {
    /// The lock of `model`. A duplicated declaration (a validation error of its own) keeps its first occurrence,
    /// so an invalid app still gets a lock instead of a crash.
    package init(model: AppModel) {
        var functions: [String: Function] = [:]
        for function in model.functions where functions[function.typeName.description] == nil {
            var states: [String: State] = [:]
            for spec in function.specs where states[spec.name] == nil {
                states[spec.name] = State(typeName: spec.typeName.description, expiration: Self.expirationText(spec.expiration))
            }
            functions[function.typeName.description] = Function(
                handles: Array(Set(function.handlers.map(\.typeName.description))).sorted(),
                catchAll: function.otherwise != nil, states: states,
                emits: Array(Set(function.egresses.map(\.description))).sorted())
        }
        var ingresses: [String: Ingress] = [:]
        for ingress in model.ingresses where ingresses[ingress.id.description] == nil {
            let routes = ingress.routes.map {
                Route(topic: $0.topic, valueType: $0.valueType.description, targets: Array(Set($0.targets.map(\.description))).sorted())
            }
            ingresses[ingress.id.description] = Ingress(kind: ingress.kind.rawValue, routes: routes.sorted(by: Self.routeOrder))
        }
        var egresses: [String: Egress] = [:]
        for egress in model.egresses where egresses[egress.id.description] == nil {
            egresses[egress.id.description] = Egress(kind: egress.kind.rawValue)
        }
        self.init(functions: functions, ingresses: ingresses, egresses: egresses)
    }

    static func routeOrder(_ a: Route, _ b: Route) -> Bool {
        (a.topic, a.valueType, a.targets.joined(separator: ",")) < (b.topic, b.valueType, b.targets.joined(separator: ","))
    }

    /// `none`, `after-call 1min`, `after-write 2h`: one string, so a changed mode or duration is one changed line.
    static func expirationText(_ expiration: Expiration) -> String {
        switch expiration {
        case .none: "none"
        case .afterCall(let d): "after-call \(FlinkDuration.text(d))"
        case .afterWrite(let d): "after-write \(FlinkDuration.text(d))"
        }
    }
}
