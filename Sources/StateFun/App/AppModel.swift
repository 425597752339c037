/// Everything an ``App`` declares, flattened: the single source of truth for the registry, validation,
/// module.yaml, describe and the local runtime.
package struct AppModel: Sendable {
    package var functions: [FunctionDefinition] = []
    package var ingresses: [IngressDefinition] = []
    package var egresses: [EgressDefinition] = []
    package var endpoints: [EndpointDefinition] = []
    /// Problems found while declaring (per function), reported by validation.
    package var functionProblems: [(function: TypeName, problem: String)] = []
    /// Problems not tied to one declaration.
    package var problems: [String] = []

    package init() {}

    /// Every route of every ingress: the local runtime delivers ingested records along these.
    package var ingressRoutes: [IngressRoute] { ingresses.flatMap(\.routes) }
}

/// A Kafka or Kinesis ingress as declared (filled in by the IO declarations).
package struct IngressDefinition: Sendable {
    package enum Kind: String, Sendable { case kafka, kinesis }
    package var id: TypeName
    package var kind: Kind
    package var routes: [IngressRoute]
    /// Everything else the declaration says (broker, group, region, startup position, properties...), as the
    /// IO declarations define it; module.yaml renders it.
    package var settings: [String: String] = [:]

    package init(id: TypeName, kind: Kind, routes: [IngressRoute]) {
        self.id = id
        self.kind = kind
        self.routes = routes
    }
}

/// One topic (Kafka) or stream (Kinesis) of an ingress, routed to functions: a record's key becomes the
/// target id, its bytes travel unchanged with typename `valueType`.
package struct IngressRoute: Sendable, Hashable {
    package var ingress: TypeName
    package var kind: IngressDefinition.Kind
    /// The Kafka topic or Kinesis stream.
    package var topic: String
    package var valueType: TypeName
    package var targets: [TypeName]

    package init(ingress: TypeName, kind: IngressDefinition.Kind, topic: String, valueType: TypeName, targets: [TypeName]) {
        self.ingress = ingress
        self.kind = kind
        self.topic = topic
        self.valueType = valueType
        self.targets = targets
    }
}

/// An egress as declared.
package struct EgressDefinition: Sendable {
    package enum Kind: String, Sendable { case kafka, kinesis }
    package var id: TypeName
    package var kind: Kind

    package init(id: TypeName, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

/// An HTTP endpoint as declared: which functions, where, and how the runtime calls them.
package struct EndpointDefinition: Sendable {
    /// `namespace/name` or `namespace/*`.
    package var functions: String
    /// URL or URL template with `{function.name}`.
    package var urlPathTemplate: String
    /// The runtime's `maxNumBatchRequests` (default 1000).
    package var maxNumBatchRequests: Int

    package init(functions: String, urlPathTemplate: String, maxNumBatchRequests: Int = 1000) {
        self.functions = functions
        self.urlPathTemplate = urlPathTemplate
        self.maxNumBatchRequests = maxNumBatchRequests
    }

    /// Whether this endpoint serves `function` (`ns/*` covers every function of the namespace).
    package func covers(_ function: TypeName) -> Bool {
        if functions.hasSuffix("/*") { return String(functions.dropLast(2)) == function.namespace }
        return functions == function.description
    }
}
