extension AppGraph {
    /// Graphviz DOT (https://graphviz.org/doc/info/lang.html), left to right: ingresses as `cds` arrows,
    /// functions as rounded boxes, egresses as `house` shapes (pointing out), undeclared nodes dashed. Every id and
    /// label is a quoted DOT string, so typenames with any characters stay one token.
    package func dot() -> String {
        var lines = ["digraph app {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=11];",
                     "  edge [fontname=\"Helvetica\", fontsize=9];"]
        for node in nodes {
            var attributes = [
                "label=\(Self.quoted(node.name + "\n" + node.detail))", "shape=\(Self.shape(node.kind))",
            ]
            var styles = node.kind == .function ? ["rounded"] : []
            if node.undeclared { styles.append("dashed") }
            if !styles.isEmpty { attributes.append("style=\(Self.quoted(styles.joined(separator: ",")))") }
            lines.append("  \(Self.quoted(node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for edge in edges {
            lines.append("  \(Self.quoted(edge.from)) -> \(Self.quoted(edge.to)) [label=\(Self.quoted(edge.label))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func shape(_ kind: Kind) -> String {
        switch kind {
        case .function: "box"
        case .ingress: "cds"
        case .egress: "house"
        }
    }

    /// A DOT double-quoted string. Inside one only `\"` is an escape of the language, but Graphviz reads labels as
    /// escString (`\n`, `\l`, `\N`, ...), so a backslash is doubled too, a line break becomes `\n`, and other control
    /// characters (which Graphviz would print raw or reject) become spaces.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension App {
    /// The routing graph as Graphviz DOT (`describe --dot`).
    package func describeDOT() -> String { AppGraph(model: model).dot() }
}
