extension MetricsRegistry {
    /// The `Content-Type` of ``prometheusText()``.
    public static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Every metric in the Prometheus text exposition format 0.0.4: `# HELP` and `# TYPE` once per family, then
    /// its samples (histograms as `_bucket{le=…}`, `_sum`, `_count`).
    public func prometheusText() -> String {
        var out = ""
        for family in snapshot() {
            out += "# HELP \(family.name) \(Self.escapedHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for series in family.series {
                switch series.value {
                case .number(let value):
                    out += family.name + Self.labelText(series.labels) + " " + Self.number(value) + "\n"
                case .histogram(let buckets, let sum, let count):
                    for bucket in buckets {
                        let labels = series.labels + [.init("le", Self.number(bucket.upperBound))]
                        out += family.name + "_bucket" + Self.labelText(labels) + " " + String(bucket.count) + "\n"
                    }
                    let all = series.labels + [.init("le", "+Inf")]
                    out += family.name + "_bucket" + Self.labelText(all) + " " + String(count) + "\n"
                    out += family.name + "_sum" + Self.labelText(series.labels) + " " + Self.number(sum) + "\n"
                    out += family.name + "_count" + Self.labelText(series.labels) + " " + String(count) + "\n"
                }
            }
        }
        return out
    }

    private static func labelText(_ labels: [MetricFamily.Label]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.name)=\"\(escapedLabel($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// A sample value as Prometheus reads it: whole numbers without a fraction, `+Inf`/`-Inf`/`NaN` by name.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Help text: `\` and line breaks escaped (0.0.4).
    private static func escapedHelp(_ text: String) -> String {
        text.replacingOccurrences("\\", "\\\\").replacingOccurrences("\n", "\\n")
    }

    /// A label value: `\`, `"` and line breaks escaped (0.0.4).
    private static func escapedLabel(_ text: String) -> String {
        text.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"").replacingOccurrences("\n", "\\n")
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
