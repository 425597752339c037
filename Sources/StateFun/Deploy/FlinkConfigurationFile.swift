/// Extra Flink configuration for `deploy kubernetes --flink-config FILE`: what the generated files do not set
/// (file system credentials and endpoints, high availability, metrics reporters). One `key: value` per line, as
/// in Flink's `flink-conf.yaml`; blank lines and lines starting with `#` are skipped. A key the generator also
/// writes replaces its value.
package enum FlinkConfigurationFile {
    /// The file at most this long: it is a handful of settings, not data.
    package static let maxBytes = 64 * 1024

    /// The entries of `text` in order, and a sentence for every line that is not one (with its number).
    package static func parse(_ text: String) -> (entries: [(key: String, value: String)], problems: [String]) {
        var entries: [(key: String, value: String)] = []
        var problems: [String] = []
        guard text.utf8.count <= maxBytes else {
            return ([], ["the file is longer than \(maxBytes) bytes"])
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let number = index + 1
            guard let separator = line.firstRange(of: ": ") else {
                problems.append("line \(number) is not 'key: value'")
                continue
            }
            let key = String(line[..<separator.lowerBound])
            let value = String(line[separator.upperBound...]).trimmingSpaces()
            if key.wholeMatch(of: #/[A-Za-z0-9][A-Za-z0-9._-]*/#) == nil {
                problems.append("line \(number): '\(key)' is not a Flink configuration key (letters, digits, '.', '_', '-')")
            } else if value.isEmpty {
                problems.append("line \(number): '\(key)' has no value")
            } else if value.contains("#") || value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                // Flink's flink-conf.yaml reader cuts a line at '#'.
                problems.append("line \(number): the value of '\(key)' contains '#' or a control character")
            } else if entries.contains(where: { $0.key == key }) {
                problems.append("line \(number): '\(key)' is set twice")
            } else {
                entries.append((key, value))
            }
        }
        return (entries, problems)
    }

    /// `generated` with `extra` applied: a key of both keeps its place with the extra value; new keys follow.
    package static func merge(_ generated: [(key: String, value: String)], _ extra: [(key: String, value: String)])
        -> [(key: String, value: String)]
    {
        var merged = generated
        for entry in extra {
            if let index = merged.firstIndex(where: { $0.key == entry.key }) {
                merged[index].value = entry.value
            } else {
                merged.append(entry)
            }
        }
        return merged
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
