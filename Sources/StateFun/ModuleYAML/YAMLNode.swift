// A tiny YAML document model: scalars, ordered mappings and sequences.
//
// Generic: it knows nothing of StateFun. `YAMLWriter` renders it; the rules it follows for quoting are documented at
// the top of YAMLWriter.swift.

/// A scalar value. Strings are rendered plain when that is unambiguous and double-quoted otherwise; the other cases
/// are rendered in their canonical YAML 1.2 core-schema form (`123`, `true`, `null`).
package enum YAMLScalar: Sendable, Hashable {
    case string(String)
    /// A string written as a literal block scalar (`|`, YAML 1.2 §8.1.2) when it holds a line break and every
    /// line can be written as is (see YAMLWriter.swift); otherwise exactly like ``string(_:)``. For embedded
    /// files people read, such as a module.yaml inside a Kubernetes ConfigMap.
    case literal(String)
    case int(Int64)
    /// A decimal number written as given (`0.5`); the caller passes only digits with one optional `.` between
    /// digits (a YAML 1.2 core-schema float).
    case decimal(String)
    case bool(Bool)
    case null
}

/// A YAML node. Mappings keep the order in which their entries are given; keys are strings.
///
/// Duplicate keys are not rejected here (the model is a plain list); the writer emits them as given, and most
/// parsers then either reject the document or keep the last value. Callers that build mappings from user input
/// should make keys unique first.
package indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: String, value: YAMLNode)])
    case sequence([YAMLNode])
}

extension YAMLNode {
    /// A string scalar.
    package static func string(_ value: String) -> YAMLNode { .scalar(.string(value)) }
    /// An integer scalar.
    package static func int(_ value: Int64) -> YAMLNode { .scalar(.int(value)) }
    /// A boolean scalar.
    package static func bool(_ value: Bool) -> YAMLNode { .scalar(.bool(value)) }
    /// The null scalar.
    package static var null: YAMLNode { .scalar(.null) }
    /// An empty mapping, rendered `{}`.
    package static var emptyMapping: YAMLNode { .mapping([]) }
    /// An empty sequence, rendered `[]`.
    package static var emptySequence: YAMLNode { .sequence([]) }
}

extension YAMLNode: Equatable {
    package static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a), .scalar(b)):
            return a == b
        case let (.sequence(a), .sequence(b)):
            return a == b
        case let (.mapping(a), .mapping(b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where x.key != y.key || x.value != y.value {
                return false
            }
            return true
        default:
            return false
        }
    }
}

extension YAMLNode: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self = .scalar(.string(value)) }
}

extension YAMLNode: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int64) { self = .scalar(.int(value)) }
}

extension YAMLNode: ExpressibleByBooleanLiteral {
    package init(booleanLiteral value: Bool) { self = .scalar(.bool(value)) }
}

extension YAMLNode: ExpressibleByArrayLiteral {
    package init(arrayLiteral elements: YAMLNode...) { self = .sequence(elements) }
}

extension YAMLNode: ExpressibleByDictionaryLiteral {
    /// Keeps the literal's order (a dictionary literal is a list of pairs until something hashes it).
    package init(dictionaryLiteral elements: (String, YAMLNode)...) {
        self = .mapping(elements.map { (key: $0.0, value: $0.1) })
    }
}

/// One document of a YAML stream: optional comment lines at its top, then its root node.
package struct YAMLDocument: Sendable, Equatable {
    /// Lines rendered as `# line` before the root node. A line break inside an element starts a new comment line;
    /// characters YAML does not allow in a stream are written as escape text (`\x07`), since a comment has no
    /// escapes of its own.
    package var comments: [String]
    package var root: YAMLNode

    package init(comments: [String] = [], root: YAMLNode) {
        self.comments = comments
        self.root = root
    }
}
