/// A metric and all its series at one moment: what ``MetricsRegistry/snapshot()`` returns and the Prometheus
/// exposition is written from.
public struct MetricFamily: Sendable, Equatable {
    /// What a metric measures.
    public enum Kind: String, Sendable {
        /// Only goes up (resets with the process).
        case counter
        /// Goes up and down.
        case gauge
        /// Observations counted in cumulative buckets, with their sum.
        case histogram
    }

    /// One label of a series.
    public struct Label: Sendable, Equatable {
        /// The label's name, e.g. `function`.
        public var name: String
        /// Its value, e.g. `example/greeter`.
        public var value: String

        /// Creates a label.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A series' value.
    public enum Value: Sendable, Equatable {
        /// A counter's or gauge's number.
        case number(Double)
        /// A histogram: each bucket's upper bound with the count of observations at or below it (cumulative,
        /// ascending, without `+Inf`), the sum of the observations and their count.
        case histogram(buckets: [Bucket], sum: Double, count: UInt64)
    }

    /// A histogram bucket: observations at or below `upperBound`.
    public struct Bucket: Sendable, Equatable {
        /// The bucket's upper bound (Prometheus `le`).
        public var upperBound: Double
        /// Observations at or below it.
        public var count: UInt64

        /// Creates a bucket.
        public init(upperBound: Double, count: UInt64) {
            self.upperBound = upperBound
            self.count = count
        }
    }

    /// One labelled series.
    public struct Series: Sendable, Equatable {
        /// The labels, in the order they were given.
        public var labels: [Label]
        /// The value.
        public var value: Value

        /// Creates a series.
        public init(labels: [Label], value: Value) {
            self.labels = labels
            self.value = value
        }

        /// The value of the label `name`.
        public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
    }

    /// The metric's name, e.g. `statefun_batches_total`.
    public var name: String
    /// What it counts, one line.
    public var help: String
    /// Its kind.
    public var kind: Kind
    /// Its series in the order they were registered.
    public var series: [Series]

    /// Creates a family.
    public init(name: String, help: String, kind: Kind, series: [Series]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.series = series
    }

    /// The series whose labels include all of `labels`.
    public func series(_ labels: [String: String]) -> Series? {
        series.first { series in labels.allSatisfy { series.label($0.key) == $0.value } }
    }
}
