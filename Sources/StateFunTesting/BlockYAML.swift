/// Reads block-style YAML back into values, so tests can compare module.yaml files (or docker-compose files) as
/// data: key order and comments aside.
///
/// It understands what `App.moduleYAML(format:)` writes and hand-written files in the same style: block mappings
/// and sequences, plain, single- and double-quoted scalars, full-line comments, `---` between documents, and the
/// empty flow collections `[]` and `{}`. Anything else is an error, so a test fails loudly rather than reading
/// something other than what was written.
///
/// ```swift
/// let emitted = try BlockYAML.documents(app.moduleYAML(format: .v1_0))
/// #expect(emitted == (try BlockYAML.documents(handWritten)))
/// ```
public enum BlockYAML {
    /// A YAML value: scalars, mappings (entries in document order) and sequences.
    public indirect enum Value: Equatable, Sendable, CustomStringConvertible {
        /// A string scalar (plain or quoted).
        case string(String)
        /// An integer scalar.
        case int(Int64)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`, `~` or an empty value.
        case null
        /// A mapping, entries in document order.
        case map([(key: String, value: Value)])
        /// A sequence.
        case list([Value])

        /// Mappings compare as sets of entries: key order is not data.
        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.string(let a), .string(let b)): a == b
            case (.int(let a), .int(let b)): a == b
            case (.bool(let a), .bool(let b)): a == b
            case (.null, .null): true
            case (.list(let a), .list(let b)): a == b
            case (.map(let a), .map(let b)):
                a.count == b.count && a.allSatisfy { entry in b.contains { $0.key == entry.key && $0.value == entry.value } }
            default: false
            }
        }

        /// The value of `key` in a mapping, or `nil`.
        public subscript(key: String) -> Value? {
            guard case .map(let entries) = self else { return nil }
            return entries.first { $0.key == key }?.value
        }

        /// The element at `index` of a sequence, or `nil`.
        public subscript(index: Int) -> Value? {
            guard case .list(let items) = self, items.indices.contains(index) else { return nil }
            return items[index]
        }

        /// The text of a string scalar, or `nil`.
        public var string: String? {
            if case .string(let s) = self { return s }
            return nil
        }

        /// The value in a compact, JSON-like form.
        public var description: String {
            switch self {
            case .string(let s): "\"\(s)\""
            case .int(let i): "\(i)"
            case .bool(let b): "\(b)"
            case .null: "null"
            case .map(let entries): "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
            case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
            }
        }
    }

    /// What could not be read, and where.
    public struct ParseError: Error, CustomStringConvertible {
        /// The 1-based line number (0 for the whole text).
        public var line: Int
        /// What is wrong there.
        public var message: String
        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    private struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    /// Every document of `text`, in order (an empty document reads as `null`).
    public static func documents(_ text: String) throws -> [Value] {
        var documents: [[Line]] = [[]]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.contains("\t") { throw ParseError(line: offset + 1, message: "tab character") }
            let trimmed = raw.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if raw == "---" {
                documents.append([])
                continue
            }
            documents[documents.count - 1].append(
                Line(number: offset + 1, indent: raw.count - trimmed.count, text: trimmed))
        }
        return try documents.map { lines in
            guard let first = lines.first else { return .null }
            var index = 0
            let value = try node(lines, &index, indent: first.indent)
            if index < lines.count { throw ParseError(line: lines[index].number, message: "unexpected indentation") }
            return value
        }
    }

    /// The only document of `text`.
    public static func document(_ text: String) throws -> Value {
        let all = try documents(text)
        guard all.count == 1 else { throw ParseError(line: 0, message: "\(all.count) documents, expected 1") }
        return all[0]
    }

    private static func node(_ lines: [Line], _ index: inout Int, indent: Int) throws -> Value {
        if lines[index].text == "-" || lines[index].text.hasPrefix("- ") {
            return try sequence(lines, &index, indent: indent)
        }
        if splitKey(lines[index].text) == nil {
            // A scalar on its own line (a whole document such as `null`, or a value below its key).
            index += 1
            return try scalar(lines[index - 1].text, line: lines[index - 1].number)
        }
        return try mapping(lines, &index, indent: indent)
    }

    private static func sequence(_ lines: [Line], _ index: inout Int, indent: Int) throws -> Value {
        var items: [Value] = []
        while index < lines.count, lines[index].indent == indent,
            lines[index].text == "-" || lines[index].text.hasPrefix("- ")
        {
            let line = lines[index]
            let rest = line.text.dropFirst(1).drop { $0 == " " }
            if rest.isEmpty {
                index += 1
                guard index < lines.count, lines[index].indent > indent else {
                    items.append(.null)
                    continue
                }
                items.append(try node(lines, &index, indent: lines[index].indent))
            } else if rest == "-" || rest.hasPrefix("- ") {
                // "- - item": a sequence nested in this item, its dashes where the inner one stands.
                var inner = lines
                let column = indent + (line.text.count - rest.count)
                inner[index] = Line(number: line.number, indent: column, text: rest)
                items.append(try sequence(inner, &index, indent: column))
            } else if splitKey(rest) != nil {
                // "- key: value": a mapping whose entries sit where `key` starts.
                var inner = lines
                let column = indent + (line.text.count - rest.count)
                inner[index] = Line(number: line.number, indent: column, text: rest)
                items.append(try mapping(inner, &index, indent: column))
            } else {
                items.append(try scalar(rest, line: line.number))
                index += 1
            }
        }
        return .list(items)
    }

    private static func mapping(_ lines: [Line], _ index: inout Int, indent: Int) throws -> Value {
        var entries: [(key: String, value: Value)] = []
        while index < lines.count, lines[index].indent == indent {
            let line = lines[index]
            guard let (rawKey, rest) = splitKey(line.text) else {
                throw ParseError(line: line.number, message: "expected 'key: value', found '\(line.text)'")
            }
            guard case .string(let key) = try scalar(rawKey, line: line.number, resolve: false) else {
                throw ParseError(line: line.number, message: "unsupported key")
            }
            if entries.contains(where: { $0.key == key }) {
                throw ParseError(line: line.number, message: "duplicate key '\(key)'")
            }
            index += 1
            if !rest.isEmpty {
                entries.append((key, try scalar(rest, line: line.number)))
            } else if index < lines.count, lines[index].indent > indent
                || (lines[index].indent == indent && (lines[index].text == "-" || lines[index].text.hasPrefix("- ")))
            {
                entries.append((key, try node(lines, &index, indent: lines[index].indent)))
            } else {
                entries.append((key, .null))
            }
        }
        return .map(entries)
    }

    /// `key: rest` (rest may be empty), with the key plain or quoted; `nil` when the line is no mapping entry.
    private static func splitKey(_ text: Substring) -> (Substring, Substring)? {
        var inQuote: Character?
        var previous: Character = " "
        for position in text.indices {
            let c = text[position]
            if let quote = inQuote {
                if c == quote && !(quote == "\"" && previous == "\\") { inQuote = nil }
            } else if c == "\"" || c == "'", position == text.startIndex {
                inQuote = c
            } else if c == ":" {
                let next = text.index(after: position)
                if next == text.endIndex || text[next] == " " {
                    return (text[..<position], text[next...].drop { $0 == " " })
                }
            }
            previous = c
        }
        return nil
    }

    private static func scalar(_ text: Substring, line: Int, resolve: Bool = true) throws -> Value {
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { throw ParseError(line: line, message: "unterminated string") }
            var result = String.UnicodeScalarView()
            var scalars = text.dropFirst().dropLast().unicodeScalars[...]
            while let c = scalars.first {
                scalars = scalars.dropFirst()
                guard c == "\\" else {
                    result.append(c)
                    continue
                }
                guard let e = scalars.first else { throw ParseError(line: line, message: "unterminated escape") }
                scalars = scalars.dropFirst()
                switch e {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "0": result.append("\0")
                case "\\", "\"", "/": result.append(e)
                case "x", "u", "U":
                    // YAML 1.2 §5.7: \xNN, \uNNNN, \UNNNNNNNN.
                    let digits = e == "x" ? 2 : e == "u" ? 4 : 8
                    let hex = String(String.UnicodeScalarView(scalars.prefix(digits)))
                    scalars = scalars.dropFirst(digits)
                    guard hex.count == digits, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw ParseError(line: line, message: "bad escape '\\\(e)\(hex)'")
                    }
                    result.append(scalar)
                default: throw ParseError(line: line, message: "unsupported escape '\\\(e)'")
                }
            }
            return .string(String(result))
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw ParseError(line: line, message: "unterminated string") }
            return .string(String(text.dropFirst().dropLast()).replacingOccurrences("''", with: "'"))
        }
        if text == "[]" { return .list([]) }
        if text == "{}" { return .map([]) }
        if let first = text.first, "[{&*!|>%@`".contains(first) {
            throw ParseError(line: line, message: "unsupported scalar '\(text)'")
        }
        var plain = text
        if let comment = plain.firstRange(of: " #") { plain = plain[..<comment.lowerBound] }
        let string = String(plain.reversed().drop { $0 == " " }.reversed())
        guard resolve else { return .string(string) }
        switch string {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "Null", "NULL", "~": return .null
        default: return Int64(string).map(Value.int) ?? .string(string)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
