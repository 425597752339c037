// Tests for the generic YAML writer (Sources/StateFun/ModuleYAML).
//
// Exact-text (golden) tests for layout, and a quoting test over hostile strings: each one must come out exactly as
// expected, and its output must read back to the same string through `readScalar` below, a small reader for the
// two scalar forms the writer emits (plain, double-quoted).
//
// Cross-check with real parsers: when YAML_ROUNDTRIP_DIR is set, `dumpForExternalCheck` writes every rendered
// document as NAME.yaml plus the expected value as NAME.json; `Scripts/check_yaml_roundtrip.py DIR` then loads them
// with PyYAML (YAML 1.1, the same lineage as SnakeYAML under Jackson) and compares. The tests never need Python.

import Foundation
import StateFun
import Testing

@Suite struct YAMLWriterTests {
    // MARK: - Layout

    @Test func nestedStructure() throws {
        let node: YAMLNode = [
            "kind": "io.statefun.endpoints.v2/http",
            "spec": [
                "functions": "example/*",
                "urlPathTemplate": "http://localhost:8000/{function.name}",
                "transport": ["timeouts": ["call": "1 min"]],
                "retries": 3,
                "enabled": true,
                "nothing": .null,
                "tags": ["a", "b"],
                "routes": [
                    ["name": "x", "targets": ["t1", "t2"], "opts": ["k": "v"]],
                    ["name": "y"],
                ],
                "matrix": [[1, 2], .emptySequence, [3]],
                "empty": .emptyMapping,
                "none": .emptySequence,
            ],
        ]
        let expected = """
            kind: io.statefun.endpoints.v2/http
            spec:
              functions: example/*
              urlPathTemplate: http://localhost:8000/{function.name}
              transport:
                timeouts:
                  call: "1 min"
              retries: 3
              enabled: true
              nothing: null
              tags:
                - a
                - b
              routes:
                - name: x
                  targets:
                    - t1
                    - t2
                  opts:
                    k: v
                - name: "y"
              matrix:
                - - 1
                  - 2
                - []
                - - 3
              empty: {}
              none: []

            """
        try check(YAMLWriter.render(node), expected, name: "nested", documents: [node])
    }

    @Test func sequenceOfMappingsWithNestedFirstValue() throws {
        let node: YAMLNode = [
            "endpoints": [
                ["endpoint": ["meta": ["kind": "http"], "spec": ["functions": "a/*"]]],
                [["k": "v"], ["k2": [["deep": .emptyMapping]]]],
            ]
        ]
        let expected = """
            endpoints:
              - endpoint:
                  meta:
                    kind: http
                  spec:
                    functions: a/*
              - - k: v
                - k2:
                    - deep: {}

            """
        try check(YAMLWriter.render(node), expected, name: "seqmap", documents: [node])
    }

    @Test func multipleDocumentsWithComments() throws {
        let first = YAMLDocument(
            comments: ["Generated file.", "Do not edit."],
            root: ["kind": "a", "spec": ["x": 1]]
        )
        let second = YAMLDocument(comments: ["second"], root: ["kind": "b"])
        let third = YAMLDocument(root: ["list": ["p", "q"]])
        let expected = """
            # Generated file.
            # Do not edit.
            kind: a
            spec:
              x: 1
            ---
            # second
            kind: b
            ---
            list:
              - p
              - q

            """
        try check(
            YAMLWriter.render([first, second, third]), expected, name: "multidoc",
            documents: [first.root, second.root, third.root])
        #expect(YAMLWriter.render([YAMLDocument]()) == "")
    }

    @Test func commentsAreSanitized() {
        let document = YAMLDocument(comments: ["a\nb\r\nc\rd", "", "bell\u{7} tab\t nel\u{85}e"], root: "v")
        #expect(YAMLWriter.render(document) == "# a\n# b\n# c\n# d\n#\n# bell\\x07 tab\\t nel\n# e\nv\n")
    }

    @Test func emptyContainersAndRootScalars() throws {
        #expect(YAMLWriter.render(.emptyMapping) == "{}\n")
        #expect(YAMLWriter.render(.emptySequence) == "[]\n")
        #expect(YAMLWriter.render(.null) == "null\n")
        #expect(YAMLWriter.render("---") == "\"---\"\n")
        #expect(YAMLWriter.render("...") == "\"...\"\n")
        #expect(YAMLWriter.render("plain") == "plain\n")
        let node: YAMLNode = ["m": .emptyMapping, "s": .emptySequence, "l": [.emptyMapping, .emptySequence]]
        try check(YAMLWriter.render(node), "m: {}\ns: []\nl:\n  - {}\n  - []\n", name: "empties", documents: [node])
    }

    @Test func nonStringScalars() throws {
        let node: YAMLNode = [
            "zero": 0, "neg": -42, "max": .int(.max), "min": .int(.min), "t": true, "f": false, "n": .null,
        ]
        let expected = """
            zero: 0
            neg: -42
            max: 9223372036854775807
            min: -9223372036854775808
            t: true
            f: false
            "n": null

            """
        try check(YAMLWriter.render(node), expected, name: "scalars", documents: [node])
    }

    @Test func orderIsKept() {
        let node = YAMLNode.mapping([(key: "z", value: 1), (key: "a", value: 2), (key: "m", value: 3)])
        #expect(YAMLWriter.render(node) == "z: 1\na: 2\nm: 3\n")
        #expect(node == ["z": 1, "a": 2, "m": 3])
        #expect(node != ["a": 2, "z": 1, "m": 3])
    }

    @Test func longKeysUseExplicitForm() throws {
        let long = String(repeating: "k", count: 1200)
        let node = YAMLNode.mapping([(key: "short", value: 1), (key: "x", value: 2), (key: long, value: ["a": 1])])
        let expected = "short: 1\nx: 2\n? \(long)\n:\n  a: 1\n"
        try check(YAMLWriter.render(node), expected, name: "longkey", documents: [node])
        let inSequence: YAMLNode = [.mapping([(key: long, value: .string("v"))])]
        try check(YAMLWriter.render(inSequence), "- ? \(long)\n  : v\n", name: "longkey_seq", documents: [inSequence])
        let atLimit = String(repeating: "k", count: 1000)
        #expect(YAMLWriter.render(.mapping([(key: atLimit, value: .int(1))])) == "\(atLimit): 1\n")
    }

    // MARK: - Quoting

    /// (input, exact output). Plain outputs equal the input.
    static let hostile: [(String, String)] = [
        // indicators and separators
        ("a:b", "a:b"),
        ("a: b", #""a: b""#),
        ("key:", #""key:""#),
        (":", #"":""#),
        ("a:\tb", #""a:\tb""#),
        ("http://localhost:8000/statefun", "http://localhost:8000/statefun"),
        ("C:\\dir\\file", #"C:\dir\file"#),
        ("example/*", "example/*"),
        ("say \"hi\"", #"say "hi""#),
        ("\"quoted\"", #""\"quoted\"""#),
        ("'single'", #""'single'""#),
        ("#comment", ##""#comment""##),
        ("a#b", "a#b"),
        ("a #b", ##""a #b""##),
        ("*alias", #""*alias""#),
        ("&anchor", #""&anchor""#),
        ("!tag", #""!tag""#),
        ("-dash", #""-dash""#),
        ("- item", #""- item""#),
        ("?q", #""?q""#),
        ("|", #""|""#),
        (">folded", #"">folded""#),
        ("%YAML", #""%YAML""#),
        ("@at", #""@at""#),
        ("`tick", #""`tick""#),
        ("[x]", #""[x]""#),
        ("{x}", #""{x}""#),
        (",", #"",""#),
        ("a,b [c] {d}", "a,b [c] {d}"),
        ("a - b ? c", "a - b ? c"),
        ("---", #""---""#),
        ("...", #""...""#),
        ("<<", #""<<""#),
        ("=", #""=""#),
        ("<tag>", "<tag>"),
        // whitespace and control characters
        ("", #""""#),
        (" ", #"" ""#),
        (" lead", #"" lead""#),
        ("trail ", #""trail ""#),
        ("in side", "in side"),
        ("line1\nline2", #""line1\nline2""#),
        ("crlf\r\n", #""crlf\r\n""#),
        ("tab\there", #""tab\there""#),
        ("\t", #""\t""#),
        ("nul\u{0}", #""nul\0""#),
        ("bell\u{7}", #""bell\x07""#),
        ("esc\u{1B}[0m", #""esc\x1B[0m""#),
        ("del\u{7F}", #""del\x7F""#),
        ("nel\u{85}", #""nel\x85""#),
        ("c1\u{9B}", #""c1\x9B""#),
        ("ls\u{2028}ps\u{2029}", #""ls\u2028ps\u2029""#),
        ("\u{FEFF}bom", #""\uFEFFbom""#),
        ("non\u{FFFE}\u{FFFF}", #""non\uFFFE\uFFFF""#),
        ("back\\slash", #"back\slash"#),
        ("\\", #"\"#),
        ("\\\"\n", #""\\\"\n""#),
        // unicode
        ("héllo wörld", "héllo wörld"),
        ("日本語", "日本語"),
        ("emoji 🎉", "emoji 🎉"),
        ("family 👨‍👩‍👧", "family 👨‍👩‍👧"),
        ("שלום עולם", "שלום עולם"),
        ("مرحبا", "مرحبا"),
        ("\u{A0}nbsp", "\u{A0}nbsp"),
        ("rlo\u{202E}txt", #""rlo\u202Etxt""#),
        ("rlm\u{200F}", #""rlm\u200F""#),
        ("🎉: party", #""🎉: party""#),
        // words other types claim
        ("yes", #""yes""#),
        ("Yes", #""Yes""#),
        ("NO", #""NO""#),
        ("on", #""on""#),
        ("Off", #""Off""#),
        ("y", #""y""#),
        ("N", #""N""#),
        ("true", #""true""#),
        ("False", #""False""#),
        ("null", #""null""#),
        ("Null", #""Null""#),
        ("NULL", #""NULL""#),
        ("~", #""~""#),
        ("yes please", "yes please"),
        ("nope", "nope"),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        // numbers, versions, dates
        ("3.0", #""3.0""#),
        ("3", #""3""#),
        ("0x10", #""0x10""#),
        ("0x1F", #""0x1F""#),
        ("0o17", #""0o17""#),
        ("017", #""017""#),
        ("0b101", #""0b101""#),
        ("1e3", #""1e3""#),
        ("1_000", #""1_000""#),
        (".5", #"".5""#),
        (".inf", #"".inf""#),
        ("-.inf", #""-.inf""#),
        ("+.INF", #""+.INF""#),
        (".NaN", #"".NaN""#),
        ("+1", #""+1""#),
        ("-1", #""-1""#),
        ("190:20:30", #""190:20:30""#),
        ("2020-01-01", #""2020-01-01""#),
        ("2001-12-14t21:59:43.10-05:00", #""2001-12-14t21:59:43.10-05:00""#),
        ("1 min", #""1 min""#),
        ("v3.0", "v3.0"),
    ]

    @Test func hostileStringsAsValues() throws {
        var failures: [String] = []
        for (input, expected) in Self.hostile {
            let got = YAMLWriter.render(string: input)
            if got != expected { failures.append("\(debug(input)): got \(got), expected \(expected)") }
            if readScalar(got) != input { failures.append("\(debug(input)): \(got) reads back as \(debug(readScalar(got)))") }
            #expect(YAMLWriter.render(.string(input)) == expected + "\n")
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        let asValues = YAMLNode.mapping(Self.hostile.enumerated().map { (key: "k\($0.offset)", value: .string($0.element.0)) })
        let asItems = YAMLNode.sequence(Self.hostile.map { .string($0.0) })
        try dumpForExternalCheck(name: "hostile_values", yaml: YAMLWriter.render(asValues), documents: [asValues])
        try dumpForExternalCheck(name: "hostile_items", yaml: YAMLWriter.render(asItems), documents: [asItems])
    }

    /// Literal block scalars keep every line break (the chomping indicator says how many end the text) and fall
    /// back to a quoted string for text a literal block cannot hold as is.
    @Test func literalBlocks() throws {
        let cases: [(text: String, rendered: String)] = [
            ("a: 1\nb: [2]\n", "k: |\n  a: 1\n  b: [2]\n"),
            ("one\n\ntwo", "k: |-\n  one\n\n  two\n"),
            ("x\n\n\n", "k: |+\n  x\n\n\n"),
            ("# not a comment\n  indented: kept\n", "k: |\n  # not a comment\n    indented: kept\n"),
            // Not literal: no line break, a first line starting with a space, a line of spaces, a control character.
            ("single line", "k: single line\n"),
            (" lead\nx\n", #"k: " lead\nx\n""# + "\n"),
            ("a\n   \nb\n", #"k: "a\n   \nb\n""# + "\n"),
            ("a\u{7}\nb\n", #"k: "a\x07\nb\n""# + "\n"),
            ("crlf\r\nline\n", #"k: "crlf\r\nline\n""# + "\n"),
        ]
        var nodes: [YAMLNode] = []
        for (text, rendered) in cases {
            let node: YAMLNode = ["k": .scalar(.literal(text))]
            #expect(YAMLWriter.render(node) == rendered, "\(debug(text))")
            nodes.append(node)
        }
        // In a sequence, nested: indented under the dash.
        let nested: YAMLNode = ["data": ["items": [.scalar(.literal("a\nb\n"))]]]
        #expect(YAMLWriter.render(nested) == "data:\n  items:\n    - |\n      a\n      b\n")
        nodes.append(nested)
        try dumpForExternalCheck(name: "literal_blocks", yaml: YAMLWriter.render(nodes.map { YAMLDocument(root: $0) }), documents: nodes)
    }

    @Test func hostileStringsAsKeys() throws {
        let node = YAMLNode.mapping(Self.hostile.enumerated().map { (key: $0.element.0, value: .int(Int64($0.offset))) })
        let lines = YAMLWriter.render(node).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Self.hostile.count + 1)
        for ((input, expected), line) in zip(Self.hostile, lines) {
            #expect(line.hasPrefix(expected + ": "), "key \(debug(input)) rendered as \(line)")
        }
        try dumpForExternalCheck(name: "hostile_keys", yaml: YAMLWriter.render(node), documents: [node])
    }

    /// Every scalar in the ranges where the rules change, alone and between letters, must read back.
    @Test func everyCharacterRoundTrips() throws {
        var ranges: [ClosedRange<UInt32>] = [0x00...0x2FF, 0x600...0x620, 0x2000...0x206F, 0x3000...0x3010]
        ranges += [0xD7F0...0xD7FF, 0xE000...0xE010, 0xFDD0...0xFDEF, 0xFEF0...0xFFFF, 0x1F600...0x1F610]
        ranges += [0x10FFF0...0x10FFFF]
        var strings: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let c = String(Character(scalar))
                strings += [c, "a\(c)b", "\(c)x", "x\(c)"]
            }
        }
        var failures: [String] = []
        for input in strings {
            let got = YAMLWriter.render(string: input)
            if readScalar(got) != input { failures.append("\(debug(input)) -> \(got)") }
            if !got.hasPrefix("\"") {
                let bad = got.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
                if bad { failures.append("plain with a control character: \(debug(input))") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        let node = YAMLNode.sequence(strings.map { .string($0) })
        try dumpForExternalCheck(name: "all_characters", yaml: YAMLWriter.render(node), documents: [node])
    }

    @Test func plainSafetyRules() {
        #expect(YAMLWriter.isPlainSafe("example/greeter"))
        #expect(YAMLWriter.isPlainSafe("io.statefun.endpoints.v2/http"))
        #expect(!YAMLWriter.isPlainSafe("3.0"))
        #expect(!YAMLWriter.isPlainSafe(""))
        #expect(YAMLWriter.doubleQuoted("a\"b\\c") == #""a\"b\\c""#)
    }

    // MARK: - Helpers

    private func check(_ got: String, _ expected: String, name: String, documents: [YAMLNode]) throws {
        #expect(got == expected, "\n--- got ---\n\(got)--- expected ---\n\(expected)")
        try dumpForExternalCheck(name: name, yaml: got, documents: documents)
    }

    /// With YAML_ROUNDTRIP_DIR set, writes NAME.yaml and NAME.json (a JSON list: one value per document) there.
    private func dumpForExternalCheck(name: String, yaml: String, documents: [YAMLNode]) throws {
        guard let dir = ProcessInfo.processInfo.environment["YAML_ROUNDTRIP_DIR"], !dir.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let json = "[" + documents.map(jsonText).joined(separator: ",") + "]\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name).yaml"))
        try Data(json.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name).json"))
    }
}

// MARK: - A reader for the writer's scalars

/// Reads a scalar as the writer emits it: double-quoted with YAML escapes, or plain (taken as is). Returns nil for
/// malformed double-quoted text.
func readScalar(_ text: String) -> String? {
    guard text.hasPrefix("\"") else { return text }
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 2, scalars.last == "\"" else { return nil }
    var out = String.UnicodeScalarView()
    var index = 1
    let end = scalars.count - 1
    func hexValue(_ count: Int) -> UInt32? {
        guard index + count <= end else { return nil }
        let digits = String(String.UnicodeScalarView(scalars[index..<index + count]))
        index += count
        return UInt32(digits, radix: 16)
    }
    while index < end {
        let c = scalars[index]
        index += 1
        if c == "\"" { return nil }  // an unescaped quote would end the scalar early
        guard c == "\\" else {
            out.append(c)
            continue
        }
        guard index < end else { return nil }
        let e = scalars[index]
        index += 1
        switch e {
        case "\"", "\\", "/": out.append(e)
        case "n": out.append("\n")
        case "t", "\t": out.append("\t")
        case "r": out.append("\r")
        case "0": out.append("\0")
        case "a": out.append("\u{7}")
        case "b": out.append("\u{8}")
        case "e": out.append("\u{1B}")
        case "f": out.append("\u{C}")
        case "v": out.append("\u{B}")
        case " ": out.append(" ")
        case "N": out.append("\u{85}")
        case "_": out.append("\u{A0}")
        case "L": out.append("\u{2028}")
        case "P": out.append("\u{2029}")
        case "x", "u", "U":
            guard let value = hexValue(e == "x" ? 2 : e == "u" ? 4 : 8), let s = Unicode.Scalar(value) else {
                return nil
            }
            out.append(s)
        default: return nil
        }
    }
    return String(out)
}

private func debug(_ s: String?) -> String {
    guard let s else { return "nil" }
    return "\"" + s.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
}

/// JSON text of a node: mappings as objects (keys in order), sequences as arrays, scalars as JSON scalars.
private func jsonText(_ node: YAMLNode) -> String {
    switch node {
    case .scalar(.string(let s)), .scalar(.literal(let s)): return jsonString(s)
    case .scalar(.decimal(let d)): return d
    case .scalar(.int(let i)): return String(i)
    case .scalar(.bool(let b)): return b ? "true" : "false"
    case .scalar(.null): return "null"
    case .sequence(let items): return "[" + items.map(jsonText).joined(separator: ",") + "]"
    case .mapping(let pairs):
        return "{" + pairs.map { jsonString($0.key) + ":" + jsonText($0.value) }.joined(separator: ",") + "}"
    }
}

private func jsonString(_ s: String) -> String {
    var out = "\""
    for unit in s.utf16 {
        switch unit {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
        default:
            let hex = String(unit, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
    return out + "\""
}
