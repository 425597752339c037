// Example apps shared by the module.yaml, describe and command-line tests, and a small YAML reader that reads
// back what the package's YAML writer emits (block mappings and sequences, plain and double-quoted scalars).

import StateFun
import Testing

enum ExampleApps {
    static let cart = ValueSpec<String>("cart", expireAfterWrite: .seconds(120))
    static let seen = ValueSpec<Int32>("seen", expireAfterCall: .seconds(60))
    static let lastClick = ValueSpec<Int64>("last_click")

    static let receipts = KafkaEgress(
        id: "shop/receipts", address: "kafka:9092", deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)),
        properties: ["compression.type": "zstd"])
    static let audit = KinesisEgress(
        id: "shop/audit", region: .specific("eu-west-1"), credentials: .profile(name: "ci", path: "/etc/aws/credentials"),
        maxOutstandingRecords: 500, clientProperties: ["RecordTtl": "60000"])

    /// Every kind of declaration, with most settings set; it validates without errors.
    static let shop = App {
        Function("shop/cart") {
            cart
            seen
            lastClick
            Handle(String.self) { context, item in
                try context.storage.set(cart, item)
                try context.send(receipts.record(topic: "receipts", key: context.address.id, value: .string(item)))
            }
            Emits(receipts)
        }
        Function("shop/audit-log") {
            Otherwise { context, message in
                try context.send(audit.record(stream: "audit", partitionKey: context.address.id, value: .bytes(message.bytes ?? [])))
            }
            Emits(audit)
        }
        Function("ops/health") {
            Handle(Bool.self) { _, _ in }
        }
        KafkaIngress(
            id: "shop/orders", address: "kafka:9092", consumerGroupId: "shop", autoOffsetReset: .earliest,
            startupPosition: .specificOffsets(["orders/1": 7, "orders/0": 42]),
            properties: ["isolation.level": "read_committed", "max.poll.records": "100"]
        ) {
            KafkaTopic("orders", valueType: String.self, targets: "shop/cart")
            KafkaTopic("audits", valueType: "shop/AuditEvent", targets: "shop/audit-log")
        }
        KinesisIngress(
            id: "shop/clicks", region: .customEndpoint(url: "http://localstack:4566", id: "us-east-1"),
            credentials: .basic(accessKeyId: "AKIAEXAMPLE", secretAccessKey: "s3cr3t"),
            startupPosition: .date("2020-02-01 04:15:00.000 +0000"), clientProperties: ["SHARD_GETRECORDS_MAX": "100"]
        ) {
            KinesisStream("clicks", valueType: String.self, targets: "shop/cart")
        }
        receipts
        audit
        Endpoint(
            functions: "shop/*", url: "http://shop:8000/{function.name}",
            timeouts: .init(call: .seconds(120), connect: .seconds(5), read: .seconds(30), write: .milliseconds(1500)),
            maxBatchSize: 500)
        Endpoint(
            functions: "shop/audit-log", url: "https://audit:8443/statefun", timeouts: .init(call: .seconds(90)),
            transport: .async(.init(poolTTL: .seconds(30), poolSize: 64, payloadMaxBytes: 1_048_576)))
        Endpoint(functions: "ops/health", url: "http+unix:///var/run/ops.sock/statefun")
    }

    /// A function and nothing else: module.yaml falls back to the default endpoint.
    static let bare = App {
        Function("example/echo") {
            ValueSpec<String>("last")
            Handle(String.self) { context, text in try context.send(text, to: context.caller ?? context.address) }
        }
    }
}

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

@Suite struct ModuleYAMLExamplesTests {
    @Test func miniReaderReadsNestedBlocks() throws {
        let yaml = """
            # comment
            a: 1
            b:
              - x
              - k: "v: w"
                l:
                  - - 1
                    - "two\\n"
              - []
            c: {}
            ---
            d: "3.0"

            """
        let documents = try MiniYAML.documents(yaml)
        #expect(documents.count == 2)
        #expect(documents[0]["a"] == .int(1))
        #expect(documents[0]["b"]?[1]?["k"] == .string("v: w"))
        #expect(documents[0]["b"]?[1]?["l"]?[0] == .list([.int(1), .string("two\n")]))
        #expect(documents[0]["b"]?[2] == .list([]))
        #expect(documents[0]["c"] == .map([]))
        #expect(documents[1]["d"] == .string("3.0"))
    }

    @Test func shopAppHasNoErrors() {
        let errors = ExampleApps.shop.validate().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }
}
