package import StateFunHTTP

/// The development server's routes (Docs/DevServer.md):
///
/// | route | what it does |
/// | --- | --- |
/// | `POST /<namespace>/<type>/<id>` | sends the body to that function, typed by `Content-Type: application/vnd.<typename>` (default `io.statefun.types/string`), as the StateFun playground's ingress does; with `Content-Type: application/json`, the body is the JSON form of the protobuf message the function handles |
/// | `POST /ingress/<topic>/<key>` | ingests the body as a record of a Kafka topic or Kinesis stream the app's ingresses read |
/// | `GET /egress[/<topic>]` | the egress records so far (of one Kafka topic or Kinesis stream), as JSON |
/// | `GET /state/<namespace>/<type>/<id>` | the function instance's current state, as JSON |
/// | `GET /metrics` | the metrics as Prometheus text, as `serve` has them (404 when the configuration turns them off) |
/// | `GET /health` | `ok` |
///
/// `PUT` works wherever `POST` does (the playground's examples use both). Path segments are percent-decoded one by
/// one, so an id may contain `/` written as `%2F`. A `POST` answers once the runtime is idle again (at most
/// ``DevServerConfiguration/deliveryWait``) with what the delivery caused: the egress records and the failures.
package struct DevRouter: Sendable {
    package let app: App
    package let runtime: LocalRuntime
    package let log: DevLog<CapturedEgressRecord>
    package let failures: DevLog<RuntimeFailure>
    package let renderer: DevValueRenderer
    package let deliveryWait: Duration
    /// The registry `GET /metrics` serves; `nil` when metrics are off.
    package let metrics: MetricsRegistry?

    /// The typename of a body sent without `Content-Type: application/vnd.<typename>` (the playground's default).
    package static let defaultTypeName = "io.statefun.types/string"

    package init(
        app: App, runtime: LocalRuntime, log: DevLog<CapturedEgressRecord>, failures: DevLog<RuntimeFailure>,
        renderer: DevValueRenderer, deliveryWait: Duration, metrics: MetricsRegistry? = nil
    ) {
        self.app = app
        self.runtime = runtime
        self.log = log
        self.failures = failures
        self.renderer = renderer
        self.deliveryWait = deliveryWait
        self.metrics = metrics
    }

    /// What a request's path names, before its method is looked at.
    package enum Route: Equatable, Sendable {
        /// `/`: the list of routes.
        case index
        /// `/health`.
        case health
        /// `/metrics`.
        case metrics
        /// `/egress` (`nil`) or `/egress/<topic>`.
        case egress(topic: String?)
        /// `/state/<namespace>/<type>/<id>`.
        case state(Address)
        /// `/ingress/<topic>/<key>`.
        case ingress(topic: String, key: String)
        /// `/<namespace>/<type>/<id>`.
        case function(Address)
        /// Anything else.
        case unknown
    }

    /// The route `segments` name. A trailing slash is ignored on `/`, `/health`, `/metrics` and
    /// `/egress[/<topic>]`; on the other routes it leaves the last segment, the id or key, empty (a 400, not
    /// another route).
    package static func route(_ segments: [String]) -> Route {
        var fixed = segments[...]
        if fixed.last == "" { fixed = fixed.dropLast() }
        switch (fixed.first, fixed.count) {
        case (nil, _): return .index
        case ("health", 1): return .health
        case ("metrics", 1): return .metrics
        case ("egress", 1): return .egress(topic: nil)
        case ("egress", 2): return .egress(topic: fixed.last)
        default: break
        }
        // `/state/…` and `/ingress/…` take precedence over functions in a namespace called `state` or `ingress`.
        switch (segments.first, segments.count) {
        case ("state", 4...): return .state(address(segments.dropFirst()))
        case ("ingress", 3): return .ingress(topic: segments[1], key: segments[2])
        case (_, 3...): return .function(address(segments[...]))
        default: return .unknown
        }
    }

    /// Answers by the route first, then the method: a path that names nothing is a 404 whatever the method (RFC
    /// 9110 §15.5.5), a 405 only goes to a resource that exists and takes other methods (§15.5.6), and a target
    /// with an empty or invalid part is a 400.
    package func respond(_ request: HTTPRequest) async -> HTTPResponse {
        let segments: [String]
        switch Self.segments(of: request) {
        case .success(let parsed): segments = parsed
        case .failure(let problem): return .text(400, problem.message)
        }
        let method = request.method
        let reads = method == "GET" || method == "HEAD"
        let writes = method == "POST" || method == "PUT"
        let readMethods = ["GET", "HEAD"]
        let writeMethods = ["POST", "PUT"]
        switch Self.route(segments) {
        case .index:
            guard reads else { return .methodNotAllowed(allowedMethods: readMethods) }
            return .text(200, Self.routesHelp)
        case .health:
            guard reads else { return .methodNotAllowed(allowedMethods: readMethods) }
            return .text(200, "ok")
        case .metrics:
            guard let metrics else { return .notFound("no route for \(request.path): metrics are off") }
            guard reads else { return .methodNotAllowed(allowedMethods: readMethods) }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": MetricsRegistry.prometheusContentType],
                body: Array(metrics.prometheusText().utf8))
        case .egress(let topic):
            guard reads else { return .methodNotAllowed(allowedMethods: readMethods) }
            if topic == "" { return .text(400, "the topic in \(request.path) is empty") }
            return egress(topic: topic)
        case .state(let address):
            if let problem = Self.addressProblem(address) { return .text(400, problem) }
            guard functionExists(address.typeName) else {
                return .text(404, RuntimeError.unknownFunction(address.typeName).description)
            }
            guard reads else { return .methodNotAllowed(allowedMethods: readMethods) }
            return state(address)
        case .ingress(let topic, let key):
            guard writes else {
                guard ingressReads(topic) else { return .text(404, RuntimeError.noIngressRoute(topic: topic).description) }
                return .methodNotAllowed(allowedMethods: writeMethods)
            }
            return await ingest(topic: topic, key: key, body: request.body)
        case .function(let address):
            guard writes else {
                guard Self.addressProblem(address) == nil, functionExists(address.typeName) else {
                    return .notFound("no route for \(method) \(request.path)\n\n" + Self.routesHelp)
                }
                return .methodNotAllowed(allowedMethods: writeMethods)
            }
            return await send(to: address, request: request)
        case .unknown:
            return .notFound("no route for \(method) \(request.path)\n\n" + Self.routesHelp)
        }
    }

    /// Why `address` can't name a function instance (an invalid typename, an empty id), or nil.
    private static func addressProblem(_ address: Address) -> String? {
        if let reason = address.typeName.validationError {
            return "invalid function type '\(address.typeName)': \(reason)"
        }
        if address.id.isEmpty { return "the id of \(address.typeName) is empty: the path must end in /<id>" }
        return nil
    }

    /// True when the runtime runs functions of `type` (the app's, or a remote endpoint's).
    private func functionExists(_ type: TypeName) -> Bool {
        runtime.route(for: type) != nil
    }

    /// True when one of the app's ingresses reads `topic`.
    private func ingressReads(_ topic: String) -> Bool {
        app.model.ingressRoutes.contains { $0.topic == topic }
    }

    // MARK: - Routes

    private func send(to address: Address, request: HTTPRequest) async -> HTTPResponse {
        if let problem = Self.addressProblem(address) { return .text(400, problem) }
        let message: Message
        if Self.isJSON(contentType: request.headers["Content-Type"]) {
            switch jsonMessage(for: address.typeName, body: request.body) {
            case .success(let decoded): message = decoded
            case .failure(let problem): return .text(400, problem.message)
            }
        } else {
            let typeName: String
            switch Self.typeName(contentType: request.headers["Content-Type"]) {
            case .success(let name): typeName = name
            case .failure(let problem): return .text(400, problem.message)
            }
            message = Message(typeName: typeName, bytes: Self.body(request.body, typeName: typeName))
        }
        return await deliver { () throws(RuntimeError) in
            try runtime.send(message, to: address)
            return [address]
        }
    }

    private func ingest(topic: String, key: String, body: [UInt8]) async -> HTTPResponse {
        await deliver { () throws(RuntimeError) in try runtime.ingest(topic: topic, key: key, value: body) }
    }

    /// Delivers, waits until the runtime is idle (bounded), and answers with what happened meanwhile.
    private func deliver(_ delivery: () throws(RuntimeError) -> [Address]) async -> HTTPResponse {
        let sequence = log.nextSequence
        let failureSequence = failures.nextSequence
        let targets: [Address]
        do {
            targets = try delivery()
        } catch {
            switch error {
            case .unknownFunction, .noIngressRoute: return .text(404, error.description)
            default: return .text(400, error.description)
            }
        }
        let idle = await Self.waitUntilIdle(runtime, atMost: deliveryWait)
        let records = log.entries(since: sequence)
        let arrived = log.nextSequence - sequence
        var members: [DevJSONMember] = [
            DevJSONMember(key: "deliveredTo", value: .array(targets.map { .string($0.description) })),
            DevJSONMember(key: "idle", value: .bool(idle)),
            DevJSONMember(key: "egress", value: .array(records.map { renderer.json($0.element) })),
        ]
        if arrived > UInt64(records.count) {
            // Records the log could not keep (over its byte budget, or pushed out by later ones): printed, not kept.
            members.append(DevJSONMember(key: "egressDropped", value: .int(Int64(arrived) - Int64(records.count))))
        }
        members.append(
            DevJSONMember(
                key: "failures",
                value: .array(failures.entries(since: failureSequence).map { .string($0.element.description) })))
        return Self.json(idle ? 200 : 202, .object(members))
    }

    private func egress(topic: String?) -> HTTPResponse {
        let entries = log.entries { topic == nil || $0.topic == topic }
        var members: [DevJSONMember] = []
        if let topic { members.append(DevJSONMember(key: "topic", value: .string(topic))) }
        members.append(DevJSONMember(key: "records", value: .array(entries.map { renderer.json($0.element) })))
        let dropped = log.droppedCount
        if dropped > 0 {
            members.append(DevJSONMember(key: "droppedOldest", value: .int(Int64(dropped))))
        }
        return Self.json(200, .object(members))
    }

    private func state(_ address: Address) -> HTTPResponse {
        let values = runtime.state(of: address).sorted { $0.key < $1.key }
        let body = DevJSON.object([
            "address": .string(address.description),
            "state": .object(
                values.map { DevJSONMember(key: $0.key, value: renderer.render(typeName: $0.value.typeName, bytes: $0.value.bytes)) }
            ),
        ])
        return Self.json(200, body)
    }

    // MARK: - Responses

    private static func json(_ status: Int, _ body: DevJSON) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(body.pretty().utf8))
    }

    /// What `GET /` and a 404 show.
    package static let routesHelp = """
        POST /<namespace>/<type>/<id>        send the body to a function (Content-Type: application/vnd.<typename>, \
        default \(defaultTypeName))
        POST /ingress/<topic>/<key>          ingest the body into a Kafka topic or Kinesis stream the app reads
        GET  /egress                         every egress record so far, as JSON
        GET  /egress/<topic>                 the egress records of one Kafka topic or Kinesis stream
        GET  /state/<namespace>/<type>/<id>  a function instance's state, as JSON
        GET  /metrics                        the metrics, as Prometheus text
        GET  /health                         ok
        """
}
