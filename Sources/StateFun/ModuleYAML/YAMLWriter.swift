// A small block-style YAML emitter for `YAMLNode` documents.
//
// Generic: it knows nothing of StateFun. Its output must load in the Flink StateFun runtime, which reads YAML with
// Jackson's YAML module on top of SnakeYAML (a YAML 1.1 parser), so every rule below is chosen to read the same in
// YAML 1.1 and in YAML 1.2, and to be conservative where the two differ.
//
// Layout
// ------
// * Block style, 2-space indentation. A mapping entry is `key: value`; a nested non-empty mapping or sequence goes on
//   the following lines, indented 2 more than its key.
// * A sequence item is `- value`. An item that is a non-empty mapping starts on the dash line (`- key: value`) and
//   its other keys are indented 2 more than the dash, aligned with the first key; likewise `- - x` for nested
//   sequences.
// * An empty mapping is written `{}` and an empty sequence `[]` (flow style, the only flow collections used).
// * Documents of a stream are separated by a `---` line; the first document has no `---`. Every document ends with
//   a line break. Comment lines (`# text`) may precede a document's root node.
// * A key whose quoted form is longer than 1000 UTF-16 units is written as an explicit key (`? key` line, then
//   `: value`): YAML limits implicit keys to 1024 characters (YAML 1.2 §7.4, §8.2.2 "ns-l-block-map-implicit-entry"),
//   and SnakeYAML enforces it.
//
// Scalars
// -------
// Integers, booleans and null use their canonical core-schema forms: `-12`, `true`/`false`, `null`.
//
// A string (a value or a key: the same rules) is written as a *plain* scalar (YAML 1.2 §7.3.3) only if all of
// these hold, which keeps a plain scalar unambiguous for any YAML 1.1 or 1.2 reader:
// 1. It is not empty, and it neither begins nor ends with a space.
// 2. Its first character is not an indicator (§5.3): `- ? : , [ ] { } # & * ! | > ' " % @` or the backtick.
//    (YAML 1.2 allows `-`, `?` and `:` before a non-space; we quote anyway.)
// 3. Its first character is not a digit, `+` or `.`: every YAML 1.1 / 1.2 number (`1_000`, `0x1F`, `0o17`, `1e3`,
//    `.5`, `+.inf`, `.nan`, `190:20:30`), every timestamp (`2020-01-01`) and version strings such as `3.0` start with
//    one of these, and so does the document end marker `...`. Quoting them all keeps them strings.
// 4. It is not, in any letter case, one of the words YAML 1.1 or 1.2 reads as another type: `null`, `~`, `true`,
//    `false`, `yes`, `no`, `on`, `off`, `y`, `n`; nor `<<` (1.1 merge key) or `=` (1.1 value key).
// 5. It contains no `: ` and no ` #` (these end a plain scalar, §7.3.3 ns-plain-char) and does not end with `:`.
// 6. Every character is printable and not a line break: U+0020–U+007E, or U+00A0 and above except the characters
//    that are escaped in double quotes (next list). So no tab, no control character, no U+0085/U+2028/U+2029
//    (line breaks in YAML 1.1), no byte order mark.
// Flow indicators (`, [ ] { }`) after the first character are fine: scalars are only ever written in block context.
//
// Any other string is written *double-quoted* (YAML 1.2 §7.3.1) on one line, with these escapes (§5.7):
// * `\"` and `\\`;
// * `\n`, `\t`, `\r`, `\0`;
// * `\xNN` for the other C0 controls, DEL (U+007F) and the C1 controls U+0080–U+009F (U+0085 included, since YAML
//   1.1 would read a raw one as a line break);
// * `\uNNNN` for U+2028, U+2029, U+FEFF (BOM), the noncharacters U+FFFE/U+FFFF, and the bidirectional controls
//   U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 (legal YAML, but invisible and able to reorder the text a
//   reader sees; escaping them keeps files honest).
// All other characters, including non-ASCII letters, right-to-left scripts and emoji, are written as is: the output
// is UTF-8 text and Jackson reads UTF-8.
//
// Literal block scalars
// ---------------------
// A `YAMLScalar.literal` value (a mapping value or a sequence item) is written as a literal block scalar (YAML 1.2
// §8.1.2): `key: |`, then each line of the text indented 2 more than the key, an empty line left empty. The
// chomping indicator keeps the text's line breaks exact (§8.1.1.2): none when the text ends with exactly one line
// break, `-` when it ends without one, `+` when it ends with several. It is written so only if the text holds a
// line break and every line is safe: no character that double quotes would escape (tab aside), no carriage return,
// no line made of spaces alone (its spaces would be read as indentation), and a first line that does not start
// with a space or tab (it would set the indentation, §8.1.1.1). Any other text, and a literal at the document root,
// is written like a string.

/// Renders `YAMLNode` documents as YAML text. See the file header for the exact rules.
package enum YAMLWriter {
    /// One document holding `node`.
    package static func render(_ node: YAMLNode) -> String {
        render([YAMLDocument(root: node)])
    }

    /// One document.
    package static func render(_ document: YAMLDocument) -> String {
        render([document])
    }

    /// A stream of documents separated by `---` lines. An empty list gives an empty string.
    package static func render(_ documents: [YAMLDocument]) -> String {
        var out = ""
        for (index, document) in documents.enumerated() {
            if index > 0 { out += "---\n" }
            writeComments(document.comments, into: &out)
            if let inline = inlineForm(document.root) {
                out += inline
                out += "\n"
            } else {
                writeBlock(document.root, indent: 0, into: &out)
            }
        }
        return out
    }

    /// A scalar as it appears in the output.
    package static func render(scalar: YAMLScalar) -> String {
        switch scalar {
        case .string(let value), .literal(let value): return render(string: value)
        case .int(let value): return String(value)
        case .decimal(let value):
            // Only the documented form is written bare; anything else stays a string.
            let isDecimal = value.wholeMatch(of: #/\d+(\.\d+)?/#) != nil
            return isDecimal ? value : render(string: value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }

    /// A string scalar (value or key): plain when that is safe, double-quoted otherwise.
    package static func render(string: String) -> String {
        isPlainSafe(string) ? string : doubleQuoted(string)
    }

    /// Whether `string` may be written as a plain scalar (rules 1–6 of the file header).
    package static func isPlainSafe(_ string: String) -> Bool {
        let scalars = Array(string.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        if isIndicator(first) || isNumberStart(first) { return false }
        for (index, scalar) in scalars.enumerated() {
            guard isPlainCharacter(scalar) else { return false }
            if index + 1 < scalars.count {
                let next = scalars[index + 1]
                if scalar == ":" && next == " " { return false }
                if scalar == " " && next == "#" { return false }
            }
        }
        if scalars.count <= 5 && reservedWords.contains(string.lowercased()) { return false }
        return true
    }

    /// `string` in double quotes with the escapes of the file header.
    package static func doubleQuoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if let escape = escapeSequence(scalar) {
                    out += escape
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    // MARK: - Layout

    /// Keys whose rendered form is longer than this (in UTF-16 units) are written as explicit `? key` entries.
    static let implicitKeyLimit = 1000

    /// The one-line form of scalars and empty collections; nil for a non-empty collection.
    private static func inlineForm(_ node: YAMLNode) -> String? {
        switch node {
        case .scalar(let scalar): return render(scalar: scalar)
        case .mapping(let pairs): return pairs.isEmpty ? "{}" : nil
        case .sequence(let items): return items.isEmpty ? "[]" : nil
        }
    }

    /// Writes a node in block style, each line starting with `indent` spaces and ending with a line break.
    private static func writeBlock(_ node: YAMLNode, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .scalar:
            // Not reached through render(_:), which writes scalars inline; kept total for safety.
            out += pad + (inlineForm(node) ?? "") + "\n"
        case .mapping(let pairs):
            if pairs.isEmpty {
                out += pad + "{}\n"
                return
            }
            for (key, value) in pairs {
                let renderedKey = render(string: key)
                let explicit = renderedKey.utf16.count > implicitKeyLimit
                if explicit {
                    out += pad + "? " + renderedKey + "\n"
                    out += pad + ":"
                } else {
                    out += pad + renderedKey + ":"
                }
                if case .scalar(.literal(let text)) = value, let block = literalBlock(text, indent: indent + 2) {
                    out += " " + block
                } else if let inline = inlineForm(value) {
                    out += " " + inline + "\n"
                } else {
                    out += "\n"
                    writeBlock(value, indent: indent + 2, into: &out)
                }
            }
        case .sequence(let items):
            if items.isEmpty {
                out += pad + "[]\n"
                return
            }
            for item in items {
                if case .scalar(.literal(let text)) = item, let block = literalBlock(text, indent: indent + 2) {
                    out += pad + "- " + block
                } else if let inline = inlineForm(item) {
                    out += pad + "- " + inline + "\n"
                } else {
                    // Render the item 2 deeper, then put the dash in place of its first line's indentation.
                    var child = ""
                    writeBlock(item, indent: indent + 2, into: &child)
                    out += pad + "- "
                    out += child.dropFirst(indent + 2)
                }
            }
        }
    }

    /// `text` as a literal block scalar: the header (`|`, `|-` or `|+`) and line break, then its lines indented by
    /// `indent` spaces; `nil` when the text has no line break or a line that cannot be written as is (file header).
    package static func literalBlock(_ text: String, indent: Int) -> String? {
        guard text.contains("\n") else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The pieces after the last line break are the empty string when the text ends with one.
        var trailingBreaks = 0
        while lines.count > 1, lines.last?.isEmpty == true {
            lines.removeLast()
            trailingBreaks += 1
        }
        guard let first = lines.first, !first.isEmpty, first.first != " ", first.first != "\t" else { return nil }
        for line in lines {
            if !line.isEmpty && line.allSatisfy({ $0 == " " }) { return nil }
            for scalar in line.unicodeScalars where scalar != "\t" {
                if scalar == "\r" || scalar == "\0" || escapeSequence(scalar) != nil { return nil }
            }
        }
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let pad = String(repeating: " ", count: indent)
        var out = "|" + chomping + "\n"
        for line in lines { out += line.isEmpty ? "\n" : pad + line + "\n" }
        // `+` keeps the empty lines after the last one; each stands for one more line break.
        if trailingBreaks > 1 { out += String(repeating: "\n", count: trailingBreaks - 1) }
        return out
    }

    private static func writeComments(_ comments: [String], into out: inout String) {
        for comment in comments {
            for line in commentLines(comment) {
                out += line.isEmpty ? "#\n" : "# " + line + "\n"
            }
        }
    }

    /// Splits a comment at line breaks (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029) and spells every other
    /// character that `doubleQuoted` would escape as its escape text.
    private static func commentLines(_ comment: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in comment.unicodeScalars {
            let isBreak = scalar == "\n" || scalar == "\r" || scalar.value == 0x85 || scalar.value == 0x2028
                || scalar.value == 0x2029
            if isBreak {
                if !(scalar == "\n" && previousWasCR) {
                    lines.append(current)
                    current = ""
                }
                previousWasCR = scalar == "\r"
                continue
            }
            previousWasCR = false
            if scalar == "\t" {
                current += "\\t"
            } else if scalar == "\0" {
                current += "\\0"
            } else if let escape = escapeSequence(scalar) {
                current += escape
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        return lines
    }

    // MARK: - Character classes

    /// Lower-cased strings that some YAML 1.1 or 1.2 schema reads as null, a boolean or a special key.
    private static let reservedWords: Set<String> = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "=",
    ]

    /// The indicator characters of YAML 1.2 §5.3 (c-indicator), plus nothing else.
    private static func isIndicator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
            return true
        default:
            return false
        }
    }

    /// Characters a YAML number, timestamp or the `...` marker can start with.
    private static func isNumberStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "+" || scalar == "." || ("0"..."9").contains(scalar)
    }

    /// Characters allowed in a plain scalar: printable, not a line break, not escaped in double quotes.
    private static func isPlainCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value <= 0x7E { return true }
        if value < 0xA0 { return false }
        return escapeSequence(scalar) == nil
    }

    /// The escape for characters other than `"`, `\`, `\n`, `\t`, `\r` and NUL that must not appear raw; nil when
    /// the character is written as is.
    private static func escapeSequence(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00..<0x20, 0x7F...0x9F:
            return "\\x" + hex(value, digits: 2)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF:
            return "\\u" + hex(value, digits: 4)
        default:
            return nil
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
