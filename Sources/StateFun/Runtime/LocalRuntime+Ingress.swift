// Ingress simulation: a record on a topic (Kafka) or stream (Kinesis) goes to every function the app's ingress
// declarations route it to, with the record key as the id and the declared value type as the typename, its
// bytes unchanged (`AutoRoutableProtobufRouter`).

extension LocalRuntime {
    /// Routes a record along the app's ingress declarations: to every target function of every ingress that
    /// reads `topic` (a Kafka topic or Kinesis stream), with id `key` and the route's declared value type as the
    /// typename; the bytes travel unchanged.
    ///
    /// - Returns: the addresses the record was delivered to.
    /// - Throws: ``RuntimeError/invalidApp(_:)`` for an app ``App/validate()`` rejects,
    ///   ``RuntimeError/noIngressRoute(topic:)`` when no ingress reads `topic`,
    ///   ``RuntimeError/invalidAddress(_:)`` for an empty key (StateFun fails on a record without key), and
    ///   ``RuntimeError/unknownFunction(_:)`` for a target the runtime does not know; nothing is delivered then.
    @discardableResult
    public func ingest(topic: String, key: String, value: [UInt8]) throws(RuntimeError) -> [Address] {
        try ingest(topic: topic, key: key, value: value, headers: [])
    }

    /// Ingests a Kafka record with `headers`, as the maintained fork's runtime does: a route whose ingress or
    /// topic says `forwardHeaders: true` delivers them as the message's ``Message/metadata`` (in order, null
    /// values kept), any other route drops them (`RoutableKafkaIngressDeserializer`). On the 2.x protocol, which
    /// has no metadata, they are dropped too. Otherwise as ``ingest(topic:key:value:)``.
    @discardableResult
    public func ingest(topic: String, key: String, value: [UInt8], headers: [MetadataEntry]) throws(RuntimeError)
        -> [Address]
    {
        try checkApp()
        let routes = app.model.ingressRoutes.filter { $0.topic == topic }
        guard !routes.isEmpty else { throw .noIngressRoute(topic: topic) }
        guard !key.isEmpty else {
            throw .invalidAddress("a record for topic '\(topic)' needs a key: it becomes the target function's id")
        }
        var deliveries: [(Address, Message)] = []
        for route in routes {
            let forwarded = route.forwardsHeaders && codec.carriesMetadata ? headers : []
            let message = Message(
                typeName: route.valueType.description, payload: value[...], metadata: forwarded,
                protocolVersion: protocolVersion)
            for target in route.targets { deliveries.append((Address(target, id: key), message)) }
        }
        try deliver(deliveries)
        return deliveries.map(\.0)
    }

    /// Serializes `value` with its type and ingests it for `topic` (see ``ingest(topic:key:value:)``); the type
    /// must be the one the topic's ingress declares.
    @discardableResult
    public func ingest<V: StateFunType>(topic: String, key: String, _ value: V) throws(RuntimeError) -> [Address] {
        let expected = codec.typeName(of: V.self)
        for route in app.model.ingressRoutes where route.topic == topic {
            guard codec.matches(route.valueType.description, expected: expected) else {
                throw .ingressTypeMismatch(topic: topic, declared: route.valueType.description, given: expected)
            }
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try codec.encode(value).bytes)
        } catch {
            throw .invalidMessage("\(error)")
        }
        return try ingest(topic: topic, key: key, value: bytes)
    }
}
