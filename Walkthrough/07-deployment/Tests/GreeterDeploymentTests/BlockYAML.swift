/// A reader for the block-style YAML this walkthrough deals with (module.yaml, docker-compose.yml): block
/// mappings and sequences, plain, single- and double-quoted scalars, full-line comments, `---` between
/// documents, and the empty flow collections `[]` and `{}`. Anything else is an error, so a test fails loudly
/// rather than reading something else than was written.
enum BlockYAML {
    indirect enum Value: Equatable, CustomStringConvertible {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case null
        case map([(key: String, value: Value)])
        case list([Value])

        /// Mappings compare as sets of entries: key order is not data.
        static func == (lhs: Value, rhs: Value) -> Bool {
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

        subscript(key: String) -> Value? {
            guard case .map(let entries) = self else { return nil }
            return entries.first { $0.key == key }?.value
        }

        subscript(index: Int) -> Value? {
            guard case .list(let items) = self, items.indices.contains(index) else { return nil }
            return items[index]
        }

        var string: String? {
            if case .string(let s) = self { return s }
            return nil
        }

        var description: String {
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

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    private struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    /// Every document of `text`, in order (an empty document reads as `null`).
    static func documents(_ text: String) throws -> [Value] {
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
    static func document(_ text: String) throws -> Value {
        let all = try documents(text)
        guard all.count == 1 else { throw ParseError(line: 0, message: "\(all.count) documents, expected 1") }
        return all[0]
    }

    private static func node(_ lines: [Line], _ index: inout Int, indent: Int) throws -> Value {
        if lines[index].text == "-" || lines[index].text.hasPrefix("- ") {
            return try sequence(lines, &index, indent: indent)
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
            var result = ""
            var escaped = false
            for c in text.dropFirst().dropLast() {
                if escaped {
                    switch c {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\\", "\"", "/": result.append(c)
                    default: throw ParseError(line: line, message: "unsupported escape '\\\(c)'")
                    }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else {
                    result.append(c)
                }
            }
            return .string(result)
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
