// A small reader for the block YAML the SDK writes (a copy of the SDK's test helper: this package cannot see
// the SDK's test targets). Enough to compare module.yaml files as data.

/// Reads the YAML the package writes back into values, to check that what was written means what was meant.
enum MiniYAML {
    indirect enum Value: Equatable, CustomStringConvertible {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case null
        case map([(String, Value)])
        case list([Value])

        /// Maps compare as sets of entries (key order is not data).
        static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.string(let a), .string(let b)): a == b
            case (.int(let a), .int(let b)): a == b
            case (.bool(let a), .bool(let b)): a == b
            case (.null, .null): true
            case (.list(let a), .list(let b)): a == b
            case (.map(let a), .map(let b)):
                a.count == b.count && a.allSatisfy { entry in b.contains { $0.0 == entry.0 && $0.1 == entry.1 } }
            default: false
            }
        }

        subscript(key: String) -> Value? {
            guard case .map(let entries) = self else { return nil }
            return entries.first { $0.0 == key }?.1
        }

        subscript(index: Int) -> Value? {
            guard case .list(let items) = self, items.indices.contains(index) else { return nil }
            return items[index]
        }

        var description: String {
            switch self {
            case .string(let s): "\"\(s)\""
            case .int(let i): "\(i)"
            case .bool(let b): "\(b)"
            case .null: "null"
            case .map(let entries): "{" + entries.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
            case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
            }
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    private struct Line {
        var indent: Int
        var text: String
    }

    /// Every document of a stream (`---` separated; comment and blank lines skipped).
    static func documents(_ text: String) throws -> [Value] {
        var documents: [[Line]] = [[]]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line == "---" {
                documents.append([])
                continue
            }
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            documents[documents.count - 1].append(Line(indent: line.count - trimmed.count, text: String(trimmed)))
        }
        return try documents.filter { !$0.isEmpty }.map { lines in
            var lines = lines
            var index = 0
            let value = try node(&lines, &index, indent: lines[0].indent)
            guard index == lines.count else { throw ParseError(description: "unparsed line: \(lines[index].text)") }
            return value
        }
    }

    private static func node(_ lines: inout [Line], _ i: inout Int, indent: Int) throws -> Value {
        let text = lines[i].text
        if text == "-" || text.hasPrefix("- ") { return try sequence(&lines, &i, indent: indent) }
        if entry(text) != nil { return try mapping(&lines, &i, indent: indent) }
        i += 1
        return try scalar(text)
    }

    private static func sequence(_ lines: inout [Line], _ i: inout Int, indent: Int) throws -> Value {
        var items: [Value] = []
        while i < lines.count, lines[i].indent == indent, lines[i].text == "-" || lines[i].text.hasPrefix("- ") {
            let rest = String(lines[i].text.dropFirst(2))
            if rest.isEmpty {
                i += 1
                items.append(try node(&lines, &i, indent: lines[i].indent))
            } else {
                // The item's content continues at the column after the dash.
                lines[i] = Line(indent: indent + 2, text: rest)
                items.append(try node(&lines, &i, indent: indent + 2))
            }
        }
        return .list(items)
    }

    private static func mapping(_ lines: inout [Line], _ i: inout Int, indent: Int) throws -> Value {
        var entries: [(String, Value)] = []
        while i < lines.count, lines[i].indent == indent, let (key, rest) = entry(lines[i].text) {
            i += 1
            if rest.isEmpty {
                guard i < lines.count, lines[i].indent > indent else {
                    entries.append((key, .null))
                    continue
                }
                entries.append((key, try node(&lines, &i, indent: lines[i].indent)))
            } else {
                entries.append((key, try scalar(rest)))
            }
        }
        return .map(entries)
    }

    /// `key: value` or `key:` → (key, value text); nil when the line is not a mapping entry.
    private static func entry(_ text: String) -> (String, String)? {
        if text.hasPrefix("\"") {
            guard let (key, end) = try? quoted(text[...]) else { return nil }
            let after = text[end...]
            guard after.hasPrefix(":") else { return nil }
            return (key, String(after.dropFirst().drop { $0 == " " }))
        }
        if let range = text.range(of: ": ") {
            return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
        }
        if text.hasSuffix(":") { return (String(text.dropLast()), "") }
        return nil
    }

    private static func scalar(_ text: String) throws -> Value {
        if text.hasPrefix("\"") {
            let (value, end) = try quoted(text[...])
            guard end == text.endIndex else { throw ParseError(description: "text after a quoted scalar: \(text)") }
            return .string(value)
        }
        switch text {
        case "{}": return .map([])
        case "[]": return .list([])
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~": return .null
        default: break
        }
        if let number = Int64(text) { return .int(number) }
        return .string(text)
    }

    /// A double-quoted scalar at the start of `text`: its value and the index after the closing quote.
    private static func quoted(_ text: Substring) throws -> (String, String.Index) {
        var scalars = text.unicodeScalars.dropFirst()
        var out = String.UnicodeScalarView()
        while let c = scalars.first {
            scalars = scalars.dropFirst()
            if c == "\"" { return (String(out), scalars.startIndex) }
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let e = scalars.first else { break }
            scalars = scalars.dropFirst()
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "0": out.append("\0")
            case "\"", "\\", "/": out.append(e)
            case "x", "u", "U":
                let digits = e == "x" ? 2 : e == "u" ? 4 : 8
                let hex = String(String.UnicodeScalarView(scalars.prefix(digits)))
                scalars = scalars.dropFirst(digits)
                guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw ParseError(description: "bad escape \\\(e)\(hex)")
                }
                out.append(scalar)
            default: throw ParseError(description: "unknown escape \\\(e)")
            }
        }
        throw ParseError(description: "unterminated quoted scalar: \(text)")
    }
}

