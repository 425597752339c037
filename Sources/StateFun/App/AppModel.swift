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
    /// A few settings as text for tools (Kafka: `address`, `consumerGroupId`); module.yaml, describe and
    /// validation read the typed ``declaration``.
    package var settings: [String: String] = [:]
    /// The declaration as written (``KafkaIngress``, ``KinesisIngress``); `nil` for an ingress built directly
    /// (module.yaml cannot render such an ingress and says so in a comment).
    package var declaration: IngressDeclaration?

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
    /// Whether the maintained fork's runtime forwards the route's record headers as message metadata (its
    /// `forwardHeaders`, the topic's setting over the ingress's, off by default).
    package var forwardsHeaders: Bool

    package init(
        ingress: TypeName, kind: IngressDefinition.Kind, topic: String, valueType: TypeName, targets: [TypeName],
        forwardsHeaders: Bool = false
    ) {
        self.ingress = ingress
        self.kind = kind
        self.topic = topic
        self.valueType = valueType
        self.targets = targets
        self.forwardsHeaders = forwardsHeaders
    }
}

/// An egress as declared.
package struct EgressDefinition: Sendable {
    package enum Kind: String, Sendable { case kafka, kinesis }
    package var id: TypeName
    package var kind: Kind
    /// The declaration as written (``KafkaEgress``, ``KinesisEgress``); `nil` for an egress built directly.
    package var declaration: EgressDeclaration?

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
    /// The runtime's HTTP timeouts (unset ones keep the runtime's defaults).
    package var timeouts: Endpoint.Timeouts = Endpoint.Timeouts()
    /// The runtime's HTTP client for this endpoint.
    package var transport: Endpoint.Transport = .okhttp

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

    /// Whether the pattern names one function (`ns/name`) rather than a namespace (`ns/*`).
    package var isSpecific: Bool { !functions.hasSuffix("/*") }

    /// The URL of `function` at this endpoint: `{function.name}` replaced by the function's name, as the
    /// runtime's `UrlPathTemplate` does.
    package func url(for function: TypeName, template: String? = nil) -> String {
        (template ?? urlPathTemplate).replacing("{function.name}", with: function.name)
    }

    /// Why the pattern is invalid, or `nil` (the runtime's `TargetFunctions.fromPatternString`: `ns/name` or
    /// `ns/*`, no other `*`).
    package var patternError: String? {
        let typeName = TypeName(functions)
        if let reason = typeName.validationError { return reason }
        if typeName.namespace.contains("*") { return "the namespace must not contain '*'" }
        if typeName.name != "*" && typeName.name.contains("*") {
            return "'*' must stand alone as the name (only <namespace>/<name> or <namespace>/* are supported)"
        }
        return nil
    }
}

extension AppModel {
    /// The endpoint that serves `function`: the first one naming it, else the first one covering its
    /// namespace (the runtime prefers a specific binding), else `nil`.
    package func endpoint(for function: TypeName) -> EndpointDefinition? {
        endpoints.first { $0.isSpecific && $0.covers(function) } ?? endpoints.first { $0.covers(function) }
    }

    /// Whether a message to `function` can be routed: the app declares it, or an endpoint covers it that serves
    /// none of the app's own functions (an endpoint for functions served elsewhere; one that also serves the app's
    /// functions would cover a typo in their namespace too). Used by validation (``Sends`` targets) and by
    /// `TestInvocation` (what a function sends).
    package func knowsFunction(_ function: TypeName) -> Bool {
        if functions.contains(where: { $0.typeName == function }) { return true }
        return endpoints.contains { endpoint in
            endpoint.covers(function) && !functions.contains { endpoint.covers($0.typeName) }
        }
    }
}
