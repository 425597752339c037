// module.yaml generation: golden files per format (Fixtures/module-yaml/*.yaml, exact text), duration rendering,
// endpoint override and defaults, and quoting of hostile strings read back through BlockYAML.
//
// Fixtures/module-yaml/check.py loads every golden file with PyYAML (when python3 and PyYAML are present) and
// checks the shape the runtime's loaders expect. To regenerate the goldens after a deliberate change, run the
// tests with MODULE_YAML_GOLDEN_DIR=<dir> and copy the files written there over the fixtures.

import Foundation
import StateFun
import StateFunTesting
import Testing

@Suite struct ModuleYAMLTests {
    static func golden(_ name: String, _ actual: String) throws {
        if let directory = ProcessInfo.processInfo.environment["MODULE_YAML_GOLDEN_DIR"] {
            try actual.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/module-yaml/" + name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file; actual:\n\(actual)")
    }

    @Test(arguments: ModuleFormat.allCases)
    func shopAppMatchesGolden(format: ModuleFormat) throws {
        let yaml = ExampleApps.shop.moduleYAML(format: format)
        try Self.golden("shop-\(format).yaml", yaml)
        let documents = try BlockYAML.documents(yaml)
        if format == .components {
            #expect(documents.count == 7)
            for document in documents {
                guard case .map(let entries) = document else { Issue.record("not a mapping: \(document)"); continue }
                #expect(entries.map(\.key) == ["kind", "spec"])
            }
        } else {
            #expect(documents.count == 1)
            #expect(documents.first?["version"] == .string(format.rawValue))
            #expect(documents.first?["module"]?["meta"]?["type"] == .string("remote"))
        }
    }

    @Test func bareAppMatchesGolden() throws {
        try Self.golden("bare-components.yaml", ExampleApps.bare.moduleYAML())
        try Self.golden("bare-1.0.yaml", ExampleApps.bare.moduleYAML(format: .v1_0))
    }

    /// Runs Fixtures/module-yaml/check.py over the golden files when python3 with PyYAML is installed (the script
    /// exits 77 without PyYAML; without python3 the test has nothing to run).
    @Test(.enabled(if: PyYAML.python != nil))
    func goldenFilesPassThePyYAMLCheck() throws {
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/module-yaml")
        let result = try PyYAML.run([folder.appendingPathComponent("check.py").path, folder.path])
        if result.status == 77 { return }
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func versionIsAQuotedString() {
        for format in [ModuleFormat.v3_0, .v2_0, .v1_0] {
            #expect(ExampleApps.bare.moduleYAML(format: format).contains("\nversion: \"\(format.rawValue)\"\n"))
        }
    }

    @Test func durationsUseTheLargestExactUnitEveryRuntimeReads() {
        let cases: [(Duration, String)] = [
            (.seconds(120), "2min"), (.seconds(100), "100s"), (.milliseconds(1500), "1500ms"),
            (.seconds(3600), "1h"), (.seconds(7200 + 60), "121min"), (.seconds(2 * 86_400), "2d"),
            (.seconds(90 * 60), "90min"), (.milliseconds(1), "1ms"), (.zero, "0ms"),
            (.microseconds(1500), "1ms"), (.seconds(-5), "0ms"),
        ]
        for (duration, text) in cases {
            #expect(FlinkDuration.text(duration) == text, "\(duration)")
        }
    }

    @Test func transactionTimeoutIsMillisecondsBefore31() throws {
        let app = App {
            KafkaEgress(id: "a/out", address: "k:9092", deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)))
        }
        let components = try BlockYAML.documents(app.moduleYAML())
        #expect(components.first?["spec"]?["deliverySemantic"]?["transactionTimeout"] == .string("100s"))
        for format in [ModuleFormat.v3_0, .v2_0, .v1_0] {
            let document = try BlockYAML.documents(app.moduleYAML(format: format)).first
            let semantic = document?["module"]?["spec"]?["egresses"]?[0]?["egress"]?["spec"]?["deliverySemantic"]
            #expect(semantic == .map([("type", .string("exactly-once")), ("transactionTimeoutMillis", .int(100_000))]))
        }
    }

    @Test func endpointOverrideReplacesEveryURL() throws {
        let url = "http://functions:9000/statefun"
        for document in try BlockYAML.documents(ExampleApps.shop.moduleYAML(endpoint: url))
        where document["kind"] == .string("io.statefun.endpoints.v2/http") {
            #expect(document["spec"]?["urlPathTemplate"] == .string(url))
        }
        let legacy = try BlockYAML.documents(ExampleApps.shop.moduleYAML(format: .v1_0, endpoint: url)).first
        guard case .list(let functions)? = legacy?["module"]?["spec"]?["functions"] else {
            Issue.record("no functions")
            return
        }
        #expect(functions.count == 3)
        for function in functions { #expect(function["function"]?["spec"]?["endpoint"] == .string(url)) }
    }

    @Test func uncoveredFunctionsUseTheDefaultEndpointWithANote() throws {
        let yaml = ExampleApps.bare.moduleYAML()
        #expect(yaml.contains("# Note: example/echo is covered by no Endpoint and is served at \(Endpoint.defaultURL)."))
        let document = try #require(try BlockYAML.documents(yaml).first)
        #expect(document["spec"]?["functions"] == .string("example/echo"))
        #expect(document["spec"]?["urlPathTemplate"] == .string(Endpoint.defaultURL))
        // With an explicit endpoint there is nothing to note.
        #expect(!ExampleApps.bare.moduleYAML(endpoint: "http://x:1/y").contains("Note:"))
    }

    @Test func functionTemplateIsResolvedPerFunctionInTheLegacyFormats() throws {
        let document = try #require(try BlockYAML.documents(ExampleApps.shop.moduleYAML(format: .v2_0)).first)
        let first = document["module"]?["spec"]?["functions"]?[0]?["function"]
        #expect(first?["meta"]?["type"] == .string("shop/cart"))
        #expect(first?["spec"]?["endpoint"] == .string("http://shop:8000/cart"))
        // The specific endpoint wins over the namespace one, as in the runtime.
        let audit = document["module"]?["spec"]?["functions"]?[1]?["function"]?["spec"]
        #expect(audit?["endpoint"] == .string("https://audit:8443/statefun"))
    }

    @Test func format10ListsStateNamesAndNotesLostExpiration() throws {
        let yaml = ExampleApps.shop.moduleYAML(format: .v1_0)
        #expect(yaml.contains("# Note: format 1.0 has no state expiration: state 'cart' of shop/cart never expires"))
        let document = try #require(try BlockYAML.documents(yaml).first)
        let states = document["module"]?["spec"]?["functions"]?[0]?["function"]?["spec"]?["states"]
        #expect(states == .list([.string("cart"), .string("seen"), .string("last_click")]))
    }

    @Test func emptyAppIsANullDocument() throws {
        let yaml = App {}.moduleYAML()
        #expect(yaml.hasSuffix("\nnull\n"))
        #expect(try BlockYAML.documents(yaml) == [.null])
    }

    static let hostile: [String] = [
        "a: b", "say \"hi\"", "x #y", "#lead", "*star", "&anchor", "!tag", "line1\nline2", "tab\there", "grüße 🌍 東京",
        "", " padded ", "yes", "No", "null", "~", "1.0", "0x1F", "- dash", "? q", "[x]", "{y}", "trailing:", "@at",
        "`tick", "%pct", "\u{2028}sep", "nul\u{0}", "quote's", "back\\slash", "2020-01-01", "3", "-1", "true",
    ]

    /// Every hostile string, as a property value, a property key, a topic and an address, reads back unchanged.
    @Test func hostileStringsReadBackUnchanged() throws {
        let hostile = Self.hostile
        let app = App {
            KafkaIngress(
                id: "evil/in", address: "a: b #c", consumerGroupId: "*group",
                properties: ClientProperties(hostile.enumerated().map { ("k\($0.offset)", $0.element) })
            ) {
                for text in hostile { KafkaTopic(text, valueType: "evil/Type", targets: "evil/fn") }
            }
            KafkaEgress(id: "evil/out", address: "\"quoted\"", properties: ClientProperties(hostile.map { ($0, "v") }))
            Function("evil/fn") { Otherwise { _, _ in } }
            Endpoint(functions: "evil/*", urlPathTemplate: "http://h:1/p?q=\"x\"&y=#z")
        }
        let yaml = app.moduleYAML()
        try Self.golden("hostile-components.yaml", yaml)
        let documents = try BlockYAML.documents(yaml)
        #expect(documents.count == 3)
        #expect(documents[0]["spec"]?["urlPathTemplate"] == .string("http://h:1/p?q=\"x\"&y=#z"))
        let ingress = documents[1]["spec"]
        #expect(ingress?["address"] == .string("a: b #c"))
        #expect(ingress?["consumerGroupId"] == .string("*group"))
        for (index, text) in hostile.enumerated() {
            #expect(ingress?["topics"]?[index]?["topic"] == .string(text), "topic \(index)")
            #expect(ingress?["properties"]?[index] == .map([("k\(index)", .string(text))]), "property \(index)")
            #expect(documents[2]["spec"]?["properties"]?[index] == .map([(text, .string("v"))]), "key \(index)")
        }
        #expect(documents[2]["spec"]?["address"] == .string("\"quoted\""))
    }

    @Test func asyncTransportWritesTopLevelOptionsAndTLS() throws {
        let app = App {
            Function("a/f") { Otherwise { _, _ in } }
            Endpoint(
                functions: "a/*", urlPathTemplate: "https://a:443/{function.name}",
                timeouts: .init(call: .seconds(30), connect: .seconds(2)),
                transport: .async(.init(trustCACerts: "classpath:ca.pem", clientCert: "/c.pem", clientKey: "/k.pem",
                    clientKeyPassword: "pw")))
        }
        let transport = try BlockYAML.documents(app.moduleYAML()).first?["spec"]?["transport"]
        #expect(
            transport == .map([
                ("type", .string("io.statefun.transports.v1/async")), ("call", .string("30s")),
                ("connect", .string("2s")), ("trust_cacerts", .string("classpath:ca.pem")),
                ("client_cert", .string("/c.pem")), ("client_key", .string("/k.pem")),
                ("client_key_password", .string("pw")),
            ]))
    }

    @Test func kafkaStartupPositionsAndDefaults() throws {
        let positions: [(KafkaIngress.StartupPosition, BlockYAML.Value)] = [
            (.groupOffsets, .map([("type", .string("group-offsets"))])),
            (.earliest, .map([("type", .string("earliest"))])),
            (.latest, .map([("type", .string("latest"))])),
            (.date("2020-02-01 04:15:00.000 +0000"),
                .map([("type", .string("date")), ("date", .string("2020-02-01 04:15:00.000 +0000"))])),
        ]
        for (position, expected) in positions {
            let app = App {
                KafkaIngress(id: "a/in", address: "k:1", startupPosition: position) {
                    KafkaTopic("t", valueType: "a/T", targets: "a/f")
                }
            }
            let spec = try BlockYAML.documents(app.moduleYAML()).first?["spec"]
            #expect(spec?["startupPosition"] == expected)
        }
        // Unset settings are left to the runtime's defaults.
        let plain = App {
            KafkaIngress(id: "a/in", address: "k:1") { KafkaTopic("t", valueType: "a/T", targets: "a/f") }
        }
        let spec = try BlockYAML.documents(plain.moduleYAML()).first?["spec"]
        #expect(spec?["startupPosition"] == nil)
        #expect(spec?["autoOffsetResetPosition"] == nil)
        #expect(spec?["consumerGroupId"] == nil)
        #expect(spec?["properties"] == nil)
    }
}

/// Finds and runs python3 for the optional PyYAML cross-checks.
enum PyYAML {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
