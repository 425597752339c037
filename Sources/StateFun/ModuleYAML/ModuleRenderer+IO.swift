// Ingress and egress specs (protocol.md §5.4 for 3.x, §5.5 for the 2.x formats).

extension ModuleRenderer {
    /// Which generation of the IO specs to write: 3.x routes by `valueType`, 2.x by `typeUrl`; 3.0 and 2.x
    /// want the Kafka transaction timeout in milliseconds.
    enum IODialect {
        case v3, v3Legacy, v2
    }

    /// The 3.x kind and spec (with `id` first) of an ingress, or `nil` (and a note) when it has no declaration.
    mutating func ingressComponent(_ ingress: IngressDefinition) -> (kind: String, spec: [(key: String, value: YAMLNode)])? {
        switch ingress.declaration {
        case .kafka(let kafka): return ("io.statefun.kafka.v1/ingress", kafkaIngressSpec(kafka, dialect: .v3))
        case .kinesis(let kinesis): return ("io.statefun.kinesis.v1/ingress", kinesisIngressSpec(kinesis, dialect: .v3))
        case nil:
            note("ingress \(ingress.id) was not declared with KafkaIngress or KinesisIngress and is not written.")
            return nil
        }
    }

    /// The 3.x kind and spec (with `id` first) of an egress, or `nil` (and a note).
    mutating func egressComponent(_ egress: EgressDefinition, legacy: Bool) -> (kind: String, spec: [(key: String, value: YAMLNode)])? {
        let dialect: IODialect = legacy ? .v3Legacy : .v3
        switch egress.declaration {
        case .kafka(let kafka): return ("io.statefun.kafka.v1/egress", kafkaEgressSpec(kafka, dialect: dialect))
        case .kinesis(let kinesis): return ("io.statefun.kinesis.v1/egress", kinesisEgressSpec(kinesis))
        case nil:
            note("egress \(egress.id) was not declared with KafkaEgress or KinesisEgress and is not written.")
            return nil
        }
    }

    /// The 2.x type and spec of an ingress (no `id` in the spec: it goes to `meta`).
    mutating func ingressV2(_ ingress: IngressDefinition) -> (type: String, spec: [(key: String, value: YAMLNode)])? {
        switch ingress.declaration {
        case .kafka(let kafka):
            return ("statefun.kafka.io/routable-protobuf-ingress", kafkaIngressSpec(kafka, dialect: .v2))
        case .kinesis(let kinesis):
            return ("statefun.kinesis.io/routable-protobuf-ingress", kinesisIngressSpec(kinesis, dialect: .v2))
        case nil:
            note("ingress \(ingress.id) was not declared with KafkaIngress or KinesisIngress and is not written.")
            return nil
        }
    }

    /// The 2.x type and spec of an egress.
    mutating func egressV2(_ egress: EgressDefinition) -> (type: String, spec: [(key: String, value: YAMLNode)])? {
        switch egress.declaration {
        case .kafka(let kafka): return ("statefun.kafka.io/generic-egress", kafkaEgressSpec(kafka, dialect: .v2))
        case .kinesis(let kinesis): return ("statefun.kinesis.io/generic-egress", kinesisEgressSpec(kinesis))
        case nil:
            note("egress \(egress.id) was not declared with KafkaEgress or KinesisEgress and is not written.")
            return nil
        }
    }

    // MARK: - Kafka

    /// Why a 2.x format leaves `forwardHeaders` out (the note at the top, and the module-yaml command's warning).
    static func forwardHeadersLeftOut(_ ingress: TypeName) -> String {
        "kafka ingress \(ingress) sets forwardHeaders, which only the maintained fork's runtime reads (formats "
            + "components and 3.0); the 2.x formats have no such option, and it is left out."
    }

    private mutating func kafkaIngressSpec(_ kafka: KafkaIngress, dialect: IODialect) -> [(key: String, value: YAMLNode)] {
        var spec: [(key: String, value: YAMLNode)] = []
        if dialect != .v2 { spec.append((key: "id", value: .string(kafka.id.description))) }
        spec.append((key: "address", value: .string(kafka.address)))
        if let group = kafka.consumerGroupId { spec.append((key: "consumerGroupId", value: .string(group))) }
        // `forwardHeaders` (ingress level, and per topic overriding it) is the maintained fork's: its
        // RoutableKafkaIngressSpec (kzmlabs/flink-statefun, statefun-flink-io-bundle/.../kafka/binders/ingress/v1)
        // reads it for io.statefun.kafka.v1/ingress, which its loader builds from the component format and from
        // format 3.0 (LegacyRemoteModuleV30 maps io.statefun.kafka/ingress onto it). Upstream 3.x ignores unknown
        // keys (StateFunObjectMapper: FAIL_ON_UNKNOWN_PROPERTIES off); the 2.x ingresses have no such option.
        let writesForwardHeaders = dialect != .v2
        if let forward = kafka.forwardHeaders, writesForwardHeaders {
            spec.append((key: "forwardHeaders", value: .bool(forward)))
        }
        if !writesForwardHeaders, kafka.forwardHeaders != nil || kafka.topics.contains(where: { $0.forwardHeaders != nil }) {
            note(Self.forwardHeadersLeftOut(kafka.id))
        }
        let topics: [YAMLNode] = kafka.topics.map { topic in
            var route = Self.route("topic", topic.topic, type: dialect == .v2 ? topic.typeURLV2 : topic.valueType.description,
                dialect: dialect, targets: topic.targets)
            if let forward = topic.forwardHeaders, writesForwardHeaders, case .mapping(var pairs) = route {
                pairs.insert((key: "forwardHeaders", value: .bool(forward)), at: 2)
                route = .mapping(pairs)
            }
            return route
        }
        spec.append((key: "topics", value: .sequence(topics)))
        if let reset = kafka.autoOffsetReset {
            spec.append((key: "autoOffsetResetPosition", value: .string(reset.rawValue)))
        }
        if let position = kafka.startupPosition {
            spec.append((key: "startupPosition", value: Self.kafkaStartupPosition(position)))
        }
        if !kafka.properties.isEmpty { spec.append((key: "properties", value: .keyValueList(kafka.properties))) }
        return spec
    }

    static func kafkaStartupPosition(_ position: KafkaIngress.StartupPosition) -> YAMLNode {
        switch position {
        case .groupOffsets: return ["type": "group-offsets"]
        case .earliest: return ["type": "earliest"]
        case .latest: return ["type": "latest"]
        case .specificOffsets(let offsets):
            let entries: [YAMLNode] = offsets.sorted { $0.key < $1.key }.map {
                .mapping([(key: $0.key.description, value: .int($0.value))])
            }
            return ["type": "specific-offsets", "offsets": .sequence(entries)]
        case .date(let date): return ["type": "date", "date": .string(date)]
        }
    }

    private func kafkaEgressSpec(_ kafka: KafkaEgress, dialect: IODialect) -> [(key: String, value: YAMLNode)] {
        var spec: [(key: String, value: YAMLNode)] = []
        if dialect != .v2 { spec.append((key: "id", value: .string(kafka.id.description))) }
        spec.append((key: "address", value: .string(kafka.address)))
        let semantic: YAMLNode
        switch kafka.deliverySemantic {
        case .atLeastOnce: semantic = ["type": "at-least-once"]
        case .none: semantic = ["type": "none"]
        case .exactlyOnce(let timeout):
            // 3.0 and 2.x read only `transactionTimeoutMillis` (an integer); 3.1+ reads both.
            semantic =
                dialect == .v3
                ? ["type": "exactly-once", "transactionTimeout": .string(FlinkDuration.text(timeout))]
                : ["type": "exactly-once", "transactionTimeoutMillis": .int(FlinkDuration.milliseconds(timeout))]
        }
        spec.append((key: "deliverySemantic", value: semantic))
        if !kafka.properties.isEmpty { spec.append((key: "properties", value: .keyValueList(kafka.properties))) }
        return spec
    }

    // MARK: - Kinesis

    private func kinesisIngressSpec(_ kinesis: KinesisIngress, dialect: IODialect) -> [(key: String, value: YAMLNode)] {
        var spec: [(key: String, value: YAMLNode)] = []
        if dialect != .v2 { spec.append((key: "id", value: .string(kinesis.id.description))) }
        spec.append((key: "awsRegion", value: Self.region(kinesis.region)))
        spec.append((key: "awsCredentials", value: Self.credentials(kinesis.credentials)))
        if let position = kinesis.startupPosition {
            let node: YAMLNode
            switch position {
            case .earliest: node = ["type": "earliest"]
            case .latest: node = ["type": "latest"]
            case .date(let date): node = ["type": "date", "date": .string(date)]
            }
            spec.append((key: "startupPosition", value: node))
        }
        let streams: [YAMLNode] = kinesis.streams.map { stream in
            Self.route("stream", stream.stream, type: dialect == .v2 ? stream.typeURLV2 : stream.valueType.description,
                dialect: dialect, targets: stream.targets)
        }
        spec.append((key: "streams", value: .sequence(streams)))
        if !kinesis.clientProperties.isEmpty {
            spec.append((key: "clientConfigProperties", value: .keyValueList(kinesis.clientProperties)))
        }
        return spec
    }

    private func kinesisEgressSpec(_ kinesis: KinesisEgress) -> [(key: String, value: YAMLNode)] {
        var spec: [(key: String, value: YAMLNode)] = [(key: "id", value: .string(kinesis.id.description))]
        spec.append((key: "awsRegion", value: Self.region(kinesis.region)))
        spec.append((key: "awsCredentials", value: Self.credentials(kinesis.credentials)))
        if let records = kinesis.maxOutstandingRecords {
            spec.append((key: "maxOutstandingRecords", value: .int(Int64(records))))
        }
        if !kinesis.clientProperties.isEmpty {
            spec.append((key: "clientConfigProperties", value: .keyValueList(kinesis.clientProperties)))
        }
        return spec
    }

    /// `{topic|stream, valueType|typeUrl, targets}`.
    static func route(_ key: String, _ name: String, type: String, dialect: IODialect, targets: [TypeName]) -> YAMLNode {
        .mapping([
            (key: key, value: .string(name)),
            (key: dialect == .v2 ? "typeUrl" : "valueType", value: .string(type)),
            (key: "targets", value: .typeNames(targets)),
        ])
    }

    static func region(_ region: AWSRegion) -> YAMLNode {
        switch region {
        case .default: return ["type": "default"]
        case .specific(let id): return ["type": "specific", "id": .string(id)]
        case .customEndpoint(let url, let id): return ["type": "custom-endpoint", "endpoint": .string(url), "id": .string(id)]
        }
    }

    static func credentials(_ credentials: AWSCredentials) -> YAMLNode {
        switch credentials {
        case .default: return ["type": "default"]
        case .basic(let keyId, let secret):
            return ["type": "basic", "accessKeyId": .string(keyId), "secretAccessKey": .string(secret)]
        case .profile(let name, let path):
            var pairs: [(key: String, value: YAMLNode)] = [(key: "type", value: "profile"), (key: "profileName", value: .string(name))]
            if let path { pairs.append((key: "profilePath", value: .string(path))) }
            return .mapping(pairs)
        }
    }
}
