/// The rules the values of generated files must follow, each returning a sentence that says what is wrong (to
/// go into a diagnostic) or `nil` when the value is fine. The Kubernetes rules are those of the API server's
/// validation (k8s.io/apimachinery `pkg/util/validation`, `pkg/api/resource`): a value that passes here is not
/// rejected there for its form.
package enum DeployRules {
    /// An RFC 1123 label (namespaces, most object names' parts, container names): 1–63 of `a-z`, `0-9` and `-`,
    /// starting and ending with a letter or digit.
    package static func dns1123Label(_ value: String) -> String? {
        if isDNSLabel(value, letterFirst: false) { return nil }
        return "'\(value)' is not a DNS-1123 label: 1 to 63 lower-case letters, digits and '-', starting and "
            + "ending with a letter or digit"
    }

    /// An RFC 1035 label (Service names): like an RFC 1123 label, starting with a letter.
    package static func dns1035Label(_ value: String) -> String? {
        if isDNSLabel(value, letterFirst: true) { return nil }
        return "'\(value)' is not a DNS-1035 label: 1 to 63 lower-case letters, digits and '-', starting with a "
            + "letter and ending with a letter or digit"
    }

    /// An RFC 1123 subdomain (Deployment and ConfigMap names): DNS-1123 labels joined by `.`, at most 253 long.
    package static func dns1123Subdomain(_ value: String) -> String? {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        if value.utf8.count <= 253, labels.allSatisfy({ isDNSLabel(String($0), letterFirst: false) }) { return nil }
        return "'\(value)' is not a DNS-1123 subdomain: DNS-1123 labels separated by '.', at most 253 characters"
    }

    private static func isDNSLabel(_ value: String, letterFirst: Bool) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        func lowerOrDigit(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard letterFirst ? (0x61...0x7A).contains(first) : lowerOrDigit(first), lowerOrDigit(last) else { return false }
        return bytes.allSatisfy { lowerOrDigit($0) || $0 == 0x2D }
    }

    /// A resource quantity (`100m`, `0.5`, `128Mi`, `1G`): a non-negative decimal number with an optional
    /// binary (`Ki`…`Ei`) or decimal (`n u m k M G T P E`) suffix or exponent.
    package static func quantity(_ value: String) -> String? {
        if value.wholeMatch(of: #/(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?/#) != nil {
            return nil
        }
        return "'\(value)' is not a Kubernetes quantity (e.g. 250m, 0.5, 128Mi, 1Gi)"
    }

    /// A number of CPU cores for Flink's resources (`0.5`, `2`): a positive decimal number.
    package static func cores(_ value: String) -> String? {
        if value.wholeMatch(of: #/\d{1,4}(\.\d{1,3})?/#) != nil, let number = Double(value), number > 0 { return nil }
        return "'\(value)' is not a positive number of CPU cores (e.g. 0.5, 1, 2)"
    }

    /// A container image reference: `[registry[:port]/]path[:tag][@digest]`, path components lower-case.
    package static func imageReference(_ value: String) -> String? {
        let component = #"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"#
        let registry = #"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?/)"#
        let pattern = "\(registry)?\(component)(?:/\(component))*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
            + #"(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,})?"#
        if value.utf8.count <= 255, let regex = try? Regex(pattern), value.wholeMatch(of: regex) != nil { return nil }
        return "'\(value)' is not a container image reference ([registry/]name[:tag][@digest], name in lower case)"
    }

    /// A duration as Flink's `TimeUtils.parseDuration` reads it (`10s`, `1min`, `500ms`, `60000`), above zero.
    package static func flinkDuration(_ value: String) -> String? {
        if let match = value.wholeMatch(of: #/(\d{1,12})(ms|s|min|h|d)?/#), let amount = Int(match.1), amount > 0 {
            return nil
        }
        return "'\(value)' is not a Flink duration above zero: digits and one of ms, s, min, h, d (e.g. 10s, 1min)"
    }

    /// The URI of a Flink file system for checkpoints (`s3://bucket/path`, `file:///path`).
    package static func fileSystemURI(_ value: String) -> String? {
        guard let match = value.wholeMatch(of: #/([a-z][a-z0-9+.-]*)://([^\s"\\]+)/#) else {
            return "'\(value)' is not a file system URI such as s3://bucket/path or file:///path"
        }
        if value.hasSuffix("/") { return "'\(value)' ends with '/': give the folder without it" }
        if match.1 == "file", !match.2.hasPrefix("/") { return "'\(value)' is a file URI without an absolute path (file:///path)" }
        return nil
    }

    /// A Kafka topic name: 1 to 249 of letters, digits, `.`, `_` and `-` (and neither `.` nor `..`).
    package static func kafkaTopic(_ value: String) -> String? {
        if value != ".", value != "..", value.wholeMatch(of: #/[A-Za-z0-9._-]{1,249}/#) != nil { return nil }
        return "'\(value)' is not a Kafka topic name (1 to 249 letters, digits, '.', '_', '-')"
    }

    /// An executable product name, as it appears in `swift build --product` and a path.
    package static func productName(_ value: String) -> String? {
        if value.wholeMatch(of: #/[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}/#) != nil { return nil }
        return "'\(value)' is not a product name (letters, digits, '_', '.', '-')"
    }

    /// A relative path inside a build context or a repository: `/`-separated names, no `..`, not absolute.
    package static func relativePath(_ value: String) -> String? {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        if value == "." { return nil }
        if !value.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0.wholeMatch(of: #/[A-Za-z0-9_.-]+/#) != nil }) {
            return nil
        }
        return "'\(value)' is not a relative path of letters, digits, '_', '.', '-' and '/' (no '..', not absolute)"
    }

    /// A path a compose file names relative to its own folder (a build context): may climb with `..`.
    package static func composePath(_ value: String) -> String? {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        if !value.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0.wholeMatch(of: #/[A-Za-z0-9_.-]+/#) != nil }) {
            return nil
        }
        return "'\(value)' is not a relative path of letters, digits, '_', '.', '-' and '/'"
    }
}
