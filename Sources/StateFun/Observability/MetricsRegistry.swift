import Synchronization

/// The SDK's metrics: named families of labelled counters, gauges and histograms, readable in code
/// (``snapshot()``) and as the Prometheus text format (``prometheusText()``), which the built-in server serves
/// on `GET /metrics` and any framework can serve the same way.
///
/// Registering takes a lock; updating a registered metric does not touch the registry at all (counters and
/// gauges are atomics, a function's batch metrics are updated under that function's own lock once per batch).
///
/// Names are Prometheus names (`[a-zA-Z_:][a-zA-Z0-9_:]*`); other characters are replaced by `_`. The first
/// registration of a name fixes its kind and help: asking for the same name and labels again returns the same
/// metric, and asking for it as another kind returns a metric that is not exposed.
public final class MetricsRegistry: Sendable {
    private let state = Mutex(State())

    private struct State {
        var families: [Family] = []
        var index: [String: Int] = [:]
    }

    private struct Family {
        var name: String
        var help: String
        var kind: MetricFamily.Kind
        var sources: [Source] = []
    }

    private enum Source {
        case counter([MetricFamily.Label], MetricCounter)
        case gauge([MetricFamily.Label], MetricGauge)
        case histogram([MetricFamily.Label], MetricHistogram)
        /// Series computed when read (a function's batch metrics, kept under its own lock).
        case collected(@Sendable () -> [MetricFamily.Series])
    }

    /// An empty registry.
    public init() {}

    /// The counter `name` with `labels`, registered on first use.
    public func counter(_ name: String, help: String, labels: KeyValuePairs<String, String> = [:]) -> MetricCounter {
        let labels = Self.labels(labels)
        return register(name, help, .counter) { sources in
            for case .counter(let existing, let counter) in sources where existing == labels { return (counter, nil) }
            let counter = MetricCounter()
            return (counter, .counter(labels, counter))
        } ?? MetricCounter()
    }

    /// The gauge `name` with `labels`, registered on first use.
    public func gauge(_ name: String, help: String, labels: KeyValuePairs<String, String> = [:]) -> MetricGauge {
        let labels = Self.labels(labels)
        return register(name, help, .gauge) { sources in
            for case .gauge(let existing, let gauge) in sources where existing == labels { return (gauge, nil) }
            let gauge = MetricGauge()
            return (gauge, .gauge(labels, gauge))
        } ?? MetricGauge()
    }

    /// The histogram `name` with `labels` and bucket upper bounds `buckets`, registered on first use.
    public func histogram(
        _ name: String, help: String, labels: KeyValuePairs<String, String> = [:], buckets: [Double]
    ) -> MetricHistogram {
        let labels = Self.labels(labels)
        return register(name, help, .histogram) { sources in
            for case .histogram(let existing, let histogram) in sources where existing == labels {
                return (histogram, nil)
            }
            let histogram = MetricHistogram(buckets: buckets)
            return (histogram, .histogram(labels, histogram))
        } ?? MetricHistogram(buckets: buckets)
    }

    /// Adds series computed when the registry is read, to the family `name`.
    package func addCollector(
        _ name: String, help: String, kind: MetricFamily.Kind,
        _ collect: @escaping @Sendable () -> [MetricFamily.Series]
    ) {
        _ = register(name, help, kind) { _ in (true, .collected(collect)) }
    }

    private func register<Metric>(
        _ name: String, _ help: String, _ kind: MetricFamily.Kind, _ make: ([Source]) -> (Metric, Source?)
    ) -> Metric? {
        let name = Self.sanitized(name)
        return state.withLock { state in
            let i: Int
            if let existing = state.index[name] {
                i = existing
                guard state.families[i].kind == kind else { return nil }
            } else {
                i = state.families.count
                state.index[name] = i
                state.families.append(Family(name: name, help: help, kind: kind))
            }
            let (metric, source) = make(state.families[i].sources)
            if let source { state.families[i].sources.append(source) }
            return metric
        }
    }

    /// Every family and its series now, in registration order.
    public func snapshot() -> [MetricFamily] {
        let families = state.withLock { $0.families }
        return families.map { family in
            var series: [MetricFamily.Series] = []
            for source in family.sources {
                switch source {
                case .counter(let labels, let counter): series.append(.init(labels: labels, value: .number(Double(counter.value))))
                case .gauge(let labels, let gauge): series.append(.init(labels: labels, value: .number(Double(gauge.value))))
                case .histogram(let labels, let histogram): series.append(.init(labels: labels, value: histogram.value))
                case .collected(let collect): series.append(contentsOf: collect())
                }
            }
            return MetricFamily(name: family.name, help: family.help, kind: family.kind, series: series)
        }
    }

    /// The family `name` now, or `nil`.
    public func family(_ name: String) -> MetricFamily? {
        snapshot().first { $0.name == name }
    }

    private static func labels(_ pairs: KeyValuePairs<String, String>) -> [MetricFamily.Label] {
        pairs.map { MetricFamily.Label(sanitized($0.key, colon: false), $0.value) }
    }

    /// `name` with every character Prometheus does not allow replaced by `_` (and a leading digit prefixed).
    package static func sanitized(_ name: String, colon: Bool = true) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
                || (colon && scalar == ":") || (scalar >= "0" && scalar <= "9" && !out.isEmpty)
            if !ok, scalar >= "0" && scalar <= "9" { out += "_" }
            out.unicodeScalars.append(ok || (scalar >= "0" && scalar <= "9") ? scalar : "_")
        }
        return out.isEmpty ? "_" : out
    }
}
