// Rules for ingresses and egresses (protocol.md §2.2, §5.4, §5.5, §10).

extension AppValidator {
    mutating func checkIngresses() {
        var ids: Set<TypeName> = []
        for ingress in model.ingresses {
            let declaration = "\(ingress.kind.rawValue) ingress \(ingress.id)"
            checkTypeName(ingress.id, role: "the ingress id", in: declaration)
            if !ids.insert(ingress.id).inserted {
                report(.error, "duplicate-ingress", declaration, "\(declaration) is declared more than once")
            }
            let unit = ingress.kind == .kafka ? "topic" : "stream"
            if ingress.routes.isEmpty {
                report(.error, "ingress-without-routes", declaration, "\(declaration) routes no \(unit)")
            }
            var topics: Set<String> = []
            for route in ingress.routes {
                if route.topic.isEmpty {
                    report(.error, "missing-setting", declaration, "\(declaration): a \(unit) name is empty")
                } else if !topics.insert(route.topic).inserted {
                    report(
                        .warning, "duplicate-route", declaration,
                        "\(declaration) routes the \(unit) '\(route.topic)' more than once; the runtime keeps the last")
                }
                checkRoute(route, declaration, unit)
            }
            switch ingress.declaration {
            case .kafka(let kafka): checkKafka(kafka, declaration)
            case .kinesis(let kinesis): checkKinesis(kinesis, declaration)
            case nil: break
            }
        }
    }

    private mutating func checkRoute(_ route: IngressRoute, _ declaration: String, _ unit: String) {
        let valid = checkTypeName(route.valueType, role: "the value type of \(unit) '\(route.topic)'", in: declaration)
        if route.targets.isEmpty {
            report(.error, "ingress-without-routes", declaration, "\(declaration): \(unit) '\(route.topic)' has no target")
        }
        for target in route.targets where checkTypeName(target, role: "the target", in: declaration) {
            guard let function = model.functions.first(where: { $0.typeName == target }) else {
                report(
                    .error, "unknown-ingress-target", declaration,
                    "\(declaration) routes \(unit) '\(route.topic)' to \(target), which the app does not declare")
                continue
            }
            let handles = function.handlers.contains { $0.typeName == route.valueType }
            if valid && !handles && function.otherwise == nil {
                report(
                    .warning, "unhandled-ingress-type", declaration,
                    "\(declaration) routes \(route.valueType) values of \(unit) '\(route.topic)' to \(target), which "
                        + "has no Handle for that type and no Otherwise; every such message would fail")
            }
        }
    }

    private mutating func checkKafka(_ kafka: KafkaIngress, _ declaration: String) {
        if kafka.address.isEmpty {
            report(.error, "missing-setting", declaration, "\(declaration): the broker address is empty")
        }
        if kafka.consumerGroupId?.isEmpty == true {
            report(.error, "missing-setting", declaration, "\(declaration): the consumer group id is empty")
        }
        switch kafka.startupPosition {
        case .specificOffsets(let offsets):
            if offsets.isEmpty {
                report(.error, "invalid-startup-position", declaration, "\(declaration): the specific offsets are empty")
            }
            for (partition, offset) in offsets.sorted(by: { $0.key < $1.key }) {
                if partition.partition == nil || partition.topic.isEmpty {
                    report(
                        .error, "invalid-startup-position", declaration,
                        "\(declaration): '\(partition)' is not of the form <topic>/<partition>")
                }
                if offset < 0 {
                    report(
                        .error, "invalid-startup-position", declaration,
                        "\(declaration): the offset \(offset) of \(partition) is negative")
                }
            }
        case .date(let date): checkStartupDate(date, declaration)
        case .groupOffsets, .earliest, .latest, nil: break
        }
        checkProperties(kafka.properties, "properties", declaration)
    }

    private mutating func checkKinesis(_ kinesis: KinesisIngress, _ declaration: String) {
        checkAWS(kinesis.region, kinesis.credentials, declaration)
        if case .date(let date) = kinesis.startupPosition { checkStartupDate(date, declaration) }
        checkProperties(kinesis.clientProperties, "client properties", declaration)
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS Z` with an RFC 822 zone (`+0000`), the only form the 3.3 loader accepts.
    private mutating func checkStartupDate(_ date: String, _ declaration: String) {
        let pattern = Array("dddd-dd-dd dd:dd:dd.ddd +dddd".utf8)
        let text = Array(date.utf8)
        var matches = text.count == pattern.count
        if matches {
            for (c, p) in zip(text, pattern) {
                switch p {
                case UInt8(ascii: "d"): matches = matches && c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
                case UInt8(ascii: "+"): matches = matches && (c == UInt8(ascii: "+") || c == UInt8(ascii: "-"))
                default: matches = matches && c == p
                }
            }
        }
        if !matches {
            report(
                .error, "invalid-startup-position", declaration,
                "\(declaration): the startup date '\(date)' does not have the form yyyy-MM-dd HH:mm:ss.SSS Z "
                    + "(e.g. 2020-02-01 04:15:00.000 +0000)")
        }
    }

    private mutating func checkProperties(
        _ properties: [(key: String, value: String)], _ setting: String, _ declaration: String
    ) {
        var keys: Set<String> = []
        for (key, _) in properties {
            if key.isEmpty {
                report(.error, "missing-setting", declaration, "\(declaration): a key of the \(setting) is empty")
            } else if !keys.insert(key).inserted {
                report(
                    .warning, "duplicate-property", declaration,
                    "\(declaration): the \(setting) set '\(key)' more than once; the runtime keeps the last")
            }
        }
    }

    private mutating func checkAWS(_ region: AWSRegion, _ credentials: AWSCredentials, _ declaration: String) {
        switch region {
        case .default: break
        case .specific(let id):
            if id.isEmpty { report(.error, "missing-setting", declaration, "\(declaration): the AWS region id is empty") }
        case .customEndpoint(let url, let id):
            if url.isEmpty {
                report(.error, "missing-setting", declaration, "\(declaration): the custom AWS endpoint URL is empty")
            }
            if id.isEmpty { report(.error, "missing-setting", declaration, "\(declaration): the AWS region id is empty") }
        }
        switch credentials {
        case .default: break
        case .basic(let keyId, let secret):
            if keyId.isEmpty || secret.isEmpty {
                report(.error, "missing-setting", declaration, "\(declaration): the AWS access key id or secret is empty")
            }
        case .profile(let name, let path):
            if name.isEmpty {
                report(.error, "missing-setting", declaration, "\(declaration): the AWS profile name is empty")
            }
            if path?.isEmpty == true {
                report(.error, "missing-setting", declaration, "\(declaration): the AWS profile path is empty")
            }
        }
    }

    mutating func checkEgresses() {
        var ids: Set<TypeName> = []
        for egress in model.egresses {
            let declaration = "\(egress.kind.rawValue) egress \(egress.id)"
            checkTypeName(egress.id, role: "the egress id", in: declaration)
            if !ids.insert(egress.id).inserted {
                report(.error, "duplicate-egress", declaration, "\(declaration) is declared more than once")
            }
            switch egress.declaration {
            case .kafka(let kafka):
                if kafka.address.isEmpty {
                    report(.error, "missing-setting", declaration, "\(declaration): the broker address is empty")
                }
                if case .exactlyOnce(let timeout) = kafka.deliverySemantic {
                    checkDuration(
                        timeout, setting: "the transaction timeout", in: declaration,
                        zeroReason: "Kafka transactions need a positive timeout")
                }
                checkProperties(kafka.properties, "properties", declaration)
            case .kinesis(let kinesis):
                checkAWS(kinesis.region, kinesis.credentials, declaration)
                if let records = kinesis.maxOutstandingRecords {
                    checkCount(records, setting: "maxOutstandingRecords", in: declaration, minimum: 1)
                }
                checkProperties(kinesis.clientProperties, "client properties", declaration)
            case nil: break
            }
        }
    }
}
