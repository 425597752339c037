/// Shared wording of ``App/describe()`` and ``App/describeJSON()``.
struct AppSummary {
    let model: AppModel

    var headline: String {
        func count(_ n: Int, _ noun: String, _ plural: String) -> String { "\(n) \(n == 1 ? noun : plural)" }
        return "app: " + [
            count(model.functions.count, "function", "functions"), count(model.ingresses.count, "ingress", "ingresses"),
            count(model.egresses.count, "egress", "egresses"), count(model.endpoints.count, "endpoint", "endpoints"),
        ].joined(separator: ", ")
    }

    static func expirationText(_ expiration: Expiration) -> String {
        switch expiration {
        case .none: "no expiration"
        case .afterCall(let d): "expires \(FlinkDuration.text(d)) after the last call"
        case .afterWrite(let d): "expires \(FlinkDuration.text(d)) after the last write"
        }
    }

    static func expirationJSON(_ expiration: Expiration) -> JSONNode {
        switch expiration {
        case .none: return .object([(key: "mode", value: .string("none"))])
        case .afterCall(let d), .afterWrite(let d):
            let mode = if case .afterCall = expiration { "after-call" } else { "after-write" }
            return .object([
                (key: "mode", value: .string(mode)),
                (key: "after", value: .string(FlinkDuration.text(d))),
                (key: "milliseconds", value: .int(FlinkDuration.milliseconds(d))),
            ])
        }
    }

    static func transportName(_ transport: Endpoint.Transport) -> String {
        switch transport {
        case .okhttp: "okhttp"
        case .async: "async"
        }
    }

    static func timeouts(_ timeouts: Endpoint.Timeouts) -> [(name: String, text: String)] {
        let pairs: [(String, Duration?)] = [
            ("call", timeouts.call), ("connect", timeouts.connect), ("read", timeouts.read), ("write", timeouts.write),
        ]
        return pairs.compactMap { name, d in d.map { (name: name, text: FlinkDuration.text($0)) } }
    }

    static func ingressSettings(_ ingress: IngressDefinition) -> [String] {
        switch ingress.declaration {
        case .kafka(let kafka):
            var line = "address \(kafka.address)"
            if let group = kafka.consumerGroupId { line += ", group \(group)" }
            return [line]
        case .kinesis(let kinesis):
            return ["region \(regionText(kinesis.region))"]
        case nil:
            return []
        }
    }

    static func egressSettings(_ egress: EgressDefinition) -> [String] {
        switch egress.declaration {
        case .kafka(let kafka):
            let semantic =
                switch kafka.deliverySemantic {
                case .atLeastOnce: "at-least-once"
                case .none: "no delivery guarantee"
                case .exactlyOnce(let timeout): "exactly-once (transaction timeout \(FlinkDuration.text(timeout)))"
                }
            return ["address \(kafka.address), \(semantic)"]
        case .kinesis(let kinesis):
            return ["region \(regionText(kinesis.region))"]
        case nil:
            return []
        }
    }

    static func regionText(_ region: AWSRegion) -> String {
        switch region {
        case .default: "default provider chain"
        case .specific(let id): id
        case .customEndpoint(let url, let id): "\(id) at \(url)"
        }
    }
}
