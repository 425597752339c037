// App.validate(): one test per rule (each app is clean but for the one problem), then one app with many
// problems that must all be reported.

import StateFun
import Testing

@Suite struct AppValidationTests {
    /// (severity, code) of every diagnostic; also checks that each message names its declaration.
    func found(_ app: App) -> [String] {
        let diagnostics = app.validate()
        for diagnostic in diagnostics {
            #expect(diagnostic.message.contains(diagnostic.declaration), "\(diagnostic)")
        }
        return diagnostics.map { "\($0.severity.rawValue) \($0.code)" }
    }

    static let endpoint = Endpoint(functions: "t/*", urlPathTemplate: "http://t:8000/statefun")
    static let echo = Function("t/echo") { Handle(String.self) { _, _ in } }

    @Test func cleanAppHasNoDiagnostics() {
        let app = App {
            Self.echo
            Self.endpoint
        }
        #expect(found(app) == [])
        #expect(app.validationErrorReport() == nil)
    }

    @Test func invalidFunctionTypeName() {
        let app = App {
            Function("no-slash") { Otherwise { _, _ in } }
            Function("t/") { Otherwise { _, _ in } }
            Function("t/st*r") { Otherwise { _, _ in } }
            Endpoint(functions: "t/*", urlPathTemplate: "http://t:1/")
            Endpoint(functions: "no-slash", urlPathTemplate: "http://t:1/")
        }
        let diagnostics = app.validate().filter { $0.code == "invalid-typename" }
        #expect(diagnostics.map(\.declaration) == ["function no-slash", "function t/", "function t/st*r"])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func invalidHandledMessageType() {
        struct Odd: StateFunType {
            static let typeName: TypeName = "odd"
            static func deserialize(from bytes: [UInt8]) throws -> Odd { Odd() }
            func serialize() -> [UInt8] { [] }
        }
        let app = App {
            Function("t/f") { Handle(Odd.self) { _, _ in } }
            Self.endpoint
        }
        #expect(found(app) == ["error invalid-typename"])
        #expect(app.validate().first?.message.contains("the handled message type 'odd'") == true)
    }

    @Test func invalidIngressTypeNames() {
        let app = App {
            Self.echo
            KafkaIngress(id: "bad-id", address: "k:9092") {
                KafkaTopic("t", valueType: "/nope", targets: "t/echo", "nope/")
            }
            Self.endpoint
        }
        #expect(found(app) == ["error invalid-typename", "error invalid-typename", "error invalid-typename"])
    }

    @Test func invalidEgressTypeNames() {
        let app = App {
            Function("t/f") {
                Emits("bad")
                Otherwise { _, _ in }
            }
            KafkaEgress(id: "also-bad", address: "k:9092")
            Self.endpoint
        }
        #expect(found(app) == ["error invalid-typename", "error invalid-typename"])
    }

    @Test func invalidStateName() {
        let app = App {
            Function("t/f") {
                ValueSpec<Int32>("1st")
                ValueSpec<Int32>("has space")
                ValueSpec<Int32>("")
                Otherwise { _, _ in }
            }
            Self.endpoint
        }
        #expect(found(app) == Array(repeating: "error invalid-state-name", count: 3))
    }

    @Test func duplicateFunction() {
        let app = App {
            Self.echo
            Self.echo
            Self.endpoint
        }
        #expect(found(app) == ["error duplicate-function"])
    }

    @Test func duplicateState() {
        let app = App {
            Function("t/f") {
                ValueSpec<Int32>("seen")
                ValueSpec<String>("seen")
                Otherwise { _, _ in }
            }
            Self.endpoint
        }
        #expect(found(app) == ["error duplicate-state"])
    }

    @Test func duplicateHandler() {
        let app = App {
            Function("t/f") {
                Handle(String.self) { _, _ in }
                Handle(String.self) { _, _ in }
            }
            Self.endpoint
        }
        #expect(found(app) == ["warning duplicate-handler"])
    }

    @Test func problemsRecordedWhileDeclaring() {
        struct Loop: AppComponent {
            var body: [any AppComponent] { Loop() }
        }
        let app = App {
            Function("t/f") {
                Otherwise { _, _ in }
                Otherwise { _, _ in }
            }
            Loop()
            Self.endpoint
        }
        #expect(found(app) == ["error declaration-problem", "error declaration-problem"])
        #expect(app.validate().map(\.declaration) == ["app", "function t/f"])
    }

    @Test func duplicateIngress() {
        let app = App {
            Self.echo
            for _ in 0..<2 {
                KafkaIngress(id: "t/in", address: "k:9092") { KafkaTopic("a", valueType: String.self, targets: "t/echo") }
            }
            Self.endpoint
        }
        #expect(found(app) == ["error duplicate-ingress"])
    }

    @Test func duplicateEgress() {
        let app = App {
            Self.echo
            KafkaEgress(id: "t/out", address: "k:9092")
            KinesisEgress(id: "t/out")
            Self.endpoint
        }
        #expect(found(app) == ["error duplicate-egress"])
    }

    @Test func ingressWithoutRoutes() {
        let app = App {
            Self.echo
            KafkaIngress(id: "t/empty", address: "k:9092") {}
            KinesisIngress(id: "t/untargeted") { KinesisStream("s", valueType: String.self) }
            Self.endpoint
        }
        #expect(found(app) == ["error ingress-without-routes", "error ingress-without-routes"])
    }

    @Test func duplicateRoute() {
        let app = App {
            Self.echo
            KafkaIngress(id: "t/in", address: "k:9092") {
                KafkaTopic("a", valueType: String.self, targets: "t/echo")
                KafkaTopic("a", valueType: String.self, targets: "t/echo")
            }
            Self.endpoint
        }
        #expect(found(app) == ["warning duplicate-route"])
    }

    @Test func missingSettings() {
        let app = App {
            Self.echo
            KafkaIngress(id: "t/in", address: "", consumerGroupId: "") {
                KafkaTopic("", valueType: String.self, targets: "t/echo")
            }
            KinesisIngress(id: "t/kin", region: .specific(""), credentials: .basic(accessKeyId: "", secretAccessKey: "x")) {
                KinesisStream("s", valueType: String.self, targets: "t/echo")
            }
            KinesisEgress(id: "t/kout", region: .customEndpoint(url: "", id: "r"), credentials: .profile(name: "", path: ""))
            KafkaEgress(id: "t/out", address: "", properties: ["": "v"])
            Self.endpoint
        }
        #expect(found(app) == Array(repeating: "error missing-setting", count: 10))
    }

    @Test func unknownIngressTarget() {
        let app = App {
            Self.echo
            KafkaIngress(id: "t/in", address: "k:9092") { KafkaTopic("a", valueType: String.self, targets: "t/ghost") }
            Self.endpoint
        }
        #expect(found(app) == ["error unknown-ingress-target"])
        #expect(app.validate().first?.message.contains("t/ghost") == true)
    }

    @Test func unhandledIngressType() {
        let app = App {
            Self.echo
            KafkaIngress(id: "t/in", address: "k:9092") { KafkaTopic("a", valueType: Int64.self, targets: "t/echo") }
            Self.endpoint
        }
        #expect(found(app) == ["warning unhandled-ingress-type"])
    }

    @Test func invalidStartupPositions() {
        let app = App {
            Self.echo
            KafkaIngress(id: "t/a", address: "k:9092", startupPosition: .date("2020-02-01 04:15:00.00 Z")) {
                KafkaTopic("a", valueType: String.self, targets: "t/echo")
            }
            KafkaIngress(id: "t/b", address: "k:9092", startupPosition: .specificOffsets(["a/x": 1, "a/0": -1])) {
                KafkaTopic("a", valueType: String.self, targets: "t/echo")
            }
            KafkaIngress(id: "t/c", address: "k:9092", startupPosition: .specificOffsets([:])) {
                KafkaTopic("a", valueType: String.self, targets: "t/echo")
            }
            KinesisIngress(id: "t/d", startupPosition: .date("yesterday")) {
                KinesisStream("s", valueType: String.self, targets: "t/echo")
            }
            Self.endpoint
        }
        #expect(found(app) == Array(repeating: "error invalid-startup-position", count: 5))
    }

    @Test func duplicateProperty() {
        let app = App {
            Self.echo
            KafkaEgress(id: "t/out", address: "k:9092", properties: ["acks": "all", "acks": "1"])
            Self.endpoint
        }
        #expect(found(app) == ["warning duplicate-property"])
    }

    @Test func undeclaredEgress() {
        let forgotten = KafkaEgress(id: "t/forgotten", address: "k:9092")
        let app = App {
            Function("t/f") {
                Emits(forgotten)
                Otherwise { _, _ in }
            }
            Self.endpoint
        }
        #expect(found(app) == ["error undeclared-egress"])
    }

    @Test func invalidEndpointPattern() {
        let app = App {
            Self.echo
            Self.endpoint
            Endpoint(functions: "t*/x", urlPathTemplate: "http://a:1/")
            Endpoint(functions: "t/ech*", urlPathTemplate: "http://a:1/")
            Endpoint(functions: "*", urlPathTemplate: "http://a:1/")
        }
        #expect(found(app) == Array(repeating: "error invalid-endpoint-pattern", count: 3))
    }

    @Test func duplicateEndpoint() {
        let app = App {
            Self.echo
            Self.endpoint
            Self.endpoint
        }
        #expect(found(app) == ["error duplicate-endpoint"])
    }

    @Test func endpointCoversNothing() {
        let app = App {
            Self.echo
            Self.endpoint
            Endpoint(functions: "other/*", urlPathTemplate: "http://a:1/")
        }
        #expect(found(app) == ["warning endpoint-covers-nothing"])
    }

    @Test func invalidEndpointURL() {
        let app = App {
            Function("t/a") { Otherwise { _, _ in } }
            Function("t/b") { Otherwise { _, _ in } }
            Function("t/c") { Otherwise { _, _ in } }
            Endpoint(functions: "t/a", urlPathTemplate: "ftp://a/")
            Endpoint(functions: "t/b", urlPathTemplate: "http+unix:///run/f.sock/x", transport: .async())
            Endpoint(functions: "t/c", urlPathTemplate: "http://a b/")
        }
        #expect(found(app) == Array(repeating: "error invalid-endpoint-url", count: 3))
    }

    @Test func invalidCounts() {
        let app = App {
            Self.echo
            Endpoint(functions: "t/*", urlPathTemplate: "http://t:1/", maxNumBatchRequests: Int(Int32.max) + 1, transport: .async(.init(poolSize: 0)))
            KinesisEgress(id: "t/out", maxOutstandingRecords: 0)
        }
        #expect(found(app) == Array(repeating: "error invalid-count", count: 3))
    }

    @Test func invalidDurations() {
        let app = App {
            Function("t/f") {
                ValueSpec<Int32>("zero", expireAfterCall: .zero)
                ValueSpec<Int32>("negative", expireAfterWrite: .seconds(-1))
                Otherwise { _, _ in }
            }
            KafkaEgress(id: "t/out", address: "k:9092", deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(Int64.max)))
            Endpoint(functions: "t/*", urlPathTemplate: "http://t:1/", timeouts: .init(call: .seconds(60), connect: .zero))
        }
        #expect(found(app) == Array(repeating: "error invalid-duration", count: 4))
    }

    @Test func subMillisecondDurations() {
        let app = App {
            Function("t/f") {
                ValueSpec<Int32>("fine", expireAfterCall: .microseconds(1500))
                ValueSpec<Int32>("lost", expireAfterCall: .microseconds(500))
                Otherwise { _, _ in }
            }
            Self.endpoint
        }
        // 1.5 ms is used as 1 ms (a warning); 0.5 ms becomes zero, which the runtime refuses.
        #expect(found(app) == ["error invalid-duration", "warning duration-precision", "warning duration-precision"])
    }

    @Test func timeoutExceedsCall() {
        let app = App {
            Function("t/a") { Otherwise { _, _ in } }
            Function("t/b") { Otherwise { _, _ in } }
            Endpoint(functions: "t/a", urlPathTemplate: "http://t:1/", timeouts: .init(call: .seconds(5), connect: .seconds(1), read: .seconds(6), write: .seconds(1)))
            // The runtime compares with its defaults: connect, read and write default to 10 s.
            Endpoint(functions: "t/b", urlPathTemplate: "http://t:1/", timeouts: .init(call: .seconds(8)))
        }
        #expect(found(app) == Array(repeating: "error timeout-exceeds-call", count: 4))
        #expect(app.validate()[1].message.contains("the runtime's default"))
    }

    @Test func transportOptionIgnored() {
        let app = App {
            Self.echo
            Endpoint(functions: "t/*", urlPathTemplate: "http://t:1/", timeouts: .init(read: .seconds(1)), transport: .async())
        }
        #expect(found(app) == ["warning transport-option-ignored"])
    }

    @Test func invalidTransport() {
        let app = App {
            Function("t/a") { Otherwise { _, _ in } }
            Function("t/b") { Otherwise { _, _ in } }
            Endpoint(functions: "t/a", urlPathTemplate: "https://t:1/", transport: .async(.init(clientCert: "/c.pem")))
            Endpoint(functions: "t/b", urlPathTemplate: "https://t:1/", transport: .async(.init(clientKeyPassword: "pw")))
        }
        #expect(found(app) == ["error invalid-transport", "error invalid-transport"])
    }

    @Test func noEndpointsIsAWarning() {
        let app = App { Self.echo }
        #expect(found(app) == ["warning no-endpoints"])
        #expect(app.validationErrorReport() == nil)
    }

    @Test func uncoveredFunctionIsAnErrorWhenEndpointsExist() {
        let app = App {
            Self.echo
            Function("other/f") { Otherwise { _, _ in } }
            Self.endpoint
        }
        #expect(found(app) == ["error uncovered-function"])
        #expect(app.validate().first?.declaration == "function other/f")
    }

    /// Every problem is reported, errors first, each once.
    @Test func manyProblemsAreAllReported() throws {
        struct Loop: AppComponent {
            var body: [any AppComponent] { Loop() }
        }
        let app = App {
            Function("bad") { Otherwise { _, _ in } }  // invalid-typename
            Function("t/f") {
                ValueSpec<Int32>("1st")  // invalid-state-name
                ValueSpec<Int32>("seen")
                ValueSpec<Int32>("seen", expireAfterCall: .zero)  // duplicate-state, invalid-duration
                Handle(String.self) { _, _ in }
                Handle(String.self) { _, _ in }  // duplicate-handler
                Emits("t/ghost-egress")  // undeclared-egress
            }
            Function("t/f") { Otherwise { _, _ in } }  // duplicate-function
            Function("u/uncovered") { Otherwise { _, _ in } }  // uncovered-function
            Loop()  // declaration-problem
            KafkaIngress(id: "t/in", address: "") {  // missing-setting
                KafkaTopic("a", valueType: Int64.self, targets: "t/f", "t/ghost")  // unhandled-ingress-type, unknown-ingress-target
            }
            KafkaIngress(id: "t/in", address: "k:1", startupPosition: .date("now")) {}  // duplicate-ingress, startup, no routes
            KafkaEgress(id: "t/out", address: "k:1", properties: ["a": "1", "a": "2"])  // duplicate-property
            KafkaEgress(id: "t/out", address: "k:1")  // duplicate-egress
            Endpoint(functions: "t/*", urlPathTemplate: "mailto:x", timeouts: .init(call: .seconds(1)))  // url, 3 × timeout-exceeds-call
            Endpoint(functions: "t/*", urlPathTemplate: "http://t:1/")  // duplicate-endpoint
            Endpoint(functions: "z/*", urlPathTemplate: "http://z:1/")  // endpoint-covers-nothing
            Endpoint(functions: "bad", urlPathTemplate: "http://z:1/")  // covers the invalid "bad" function
        }
        let diagnostics = app.validate()
        let codes = diagnostics.map(\.code)
        let expected = [
            "declaration-problem", "invalid-typename", "duplicate-function", "invalid-state-name", "duplicate-state",
            "invalid-duration", "undeclared-egress", "duplicate-ingress", "missing-setting", "unknown-ingress-target",
            "invalid-startup-position", "ingress-without-routes", "duplicate-egress", "invalid-endpoint-url",
            "timeout-exceeds-call", "duplicate-endpoint", "uncovered-function", "duplicate-handler",
            "unhandled-ingress-type", "duplicate-property", "endpoint-covers-nothing", "invalid-endpoint-pattern",
        ]
        #expect(Set(codes) == Set(expected), "\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(codes.filter { $0 == "timeout-exceeds-call" }.count == 3)
        let severities = diagnostics.map(\.severity)
        #expect(severities == severities.sorted(), "errors come first, then warnings")
        let report = try #require(app.validationErrorReport())
        #expect(report.hasPrefix("the app has \(diagnostics.filter { $0.severity == .error }.count) errors:\n"))
        #expect(report.contains("warning: "))
    }
}
