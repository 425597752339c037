import StateFun
import StateFunHTTP
import Synchronization
import Testing
import StateFunWire

/// The development server over real loopback sockets: every route, and every error it answers.
@Suite struct DevServerRoutesTests {
    typealias Fixture = DevServerFixture

    @Test func sendsAProtobufMessageToAFunctionAndAnswersWithWhatItCaused() async throws {
        try await Fixture.withServer { client, server in
            let response = try await client.send(
                path: "/devtest/greeter/ann", headers: ["Content-Type": "application/vnd.devtest/Visit"],
                body: Fixture.Visit(name: "ann").serialize())
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/json")
            let body = Fixture.text(response)
            #expect(body.contains("\"deliveredTo\": [\n    \"devtest/greeter/ann\"\n  ]"))
            #expect(body.contains("\"greeting\": \"Welcome ann\""), "the answer shows the egress record it caused")
            #expect(body.contains("\"idle\": true"))
            #expect(server.egressRecords(topic: "greetings").count == 1)
        }
    }

    @Test func egressShowsEveryRecordOfATopicReadably() async throws {
        try await Fixture.withServer { client, _ in
            for _ in 0..<2 {
                _ = try await client.send(
                    path: "/devtest/greeter/ann", headers: ["Content-Type": "application/vnd.devtest/Visit"],
                    body: Fixture.Visit(name: "ann").serialize())
            }
            _ = try await client.send(path: "/devtest/greeter/bob", body: Array("hi".utf8))
            let greetings = try await client.send(method: "GET", path: "/egress/greetings")
            #expect(greetings.status == 200)
            let body = Fixture.text(greetings)
            #expect(body.contains("\"topic\": \"greetings\""))
            #expect(body.contains("\"greeting\": \"Welcome ann\""))
            #expect(body.contains("\"greeting\": \"Nice to see you again ann\""))
            #expect(body.contains("\"type\": \"devtest/Welcome\""), "decoded through the declared message type")
            #expect(!body.contains("echo hi"), "only the asked topic")
            #expect(
                body.range(of: "Welcome ann")!.lowerBound < body.range(of: "Nice to see you again ann")!.lowerBound,
                "records in the order they were captured")

            let everything = Fixture.text(try await client.send(method: "GET", path: "/egress"))
            #expect(everything.contains("\"text\": \"echo hi\""), "printable UTF-8 is shown as text")
            #expect(everything.contains("\"base64\": \"/wD+\""), "bytes that are neither text nor protobuf: base64")
            #expect(everything.contains("\"protobuf\": {\n"), "an undeclared message: by field number")
            #expect(everything.contains("\"2\": \"unlisted\""))
            #expect(everything.contains("\"kind\": \"kinesis\"") && everything.contains("\"partitionKey\": \"bob\""))

            let none = Fixture.text(try await client.send(method: "GET", path: "/egress/nothing-here"))
            #expect(none.contains("\"records\": []"), "a topic nothing was written to has no records yet")
        }
    }

    @Test func plainTextIsAStringByDefault() async throws {
        try await Fixture.withServer { client, server in
            let plain = try await client.send(path: "/devtest/greeter/bob", body: Array("hello there".utf8))
            #expect(plain.status == 200)
            let wrapped = try await client.send(
                path: "/devtest/greeter/bob", headers: ["Content-Type": "application/vnd.io.statefun.types/string"],
                body: "already wrapped".serialize())
            #expect(wrapped.status == 200)
            let form = try await client.send(
                path: "/devtest/greeter/bob", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Array("as curl -d sends it".utf8))
            #expect(form.status == 200)
            #expect(server.egressRecords(topic: "texts").compactMap(\.text) == [
                "echo hello there", "echo already wrapped", "echo as curl -d sends it",
            ])
        }
    }

    @Test func ingestsIntoADeclaredTopicWithTheKeyAsId() async throws {
        try await Fixture.withServer { client, server in
            let response = try await client.send(path: "/ingress/visits/carl", body: Fixture.Visit(name: "carl").serialize())
            #expect(response.status == 200)
            #expect(Fixture.text(response).contains("\"devtest/greeter/carl\""))
            #expect(server.egressRecords(topic: "greetings").map(\.key) == ["carl"])
            let put = try await client.send(method: "PUT", path: "/ingress/visits/carl", body: Fixture.Visit(name: "carl").serialize())
            #expect(put.status == 200, "PUT works like POST, as in the playground's examples")
            #expect(server.egressRecords(topic: "greetings").count == 2)
        }
    }

    @Test func ingressErrorsNameTheProblem() async throws {
        try await Fixture.withServer { client, _ in
            let unknown = try await client.send(path: "/ingress/nobody-reads-this/k", body: [1])
            #expect(unknown.status == 404)
            #expect(Fixture.text(unknown).contains("'nobody-reads-this'"))
            let noKey = try await client.send(path: "/ingress/visits/", body: [1])
            #expect(noKey.status == 400, "an empty key is a 400 (Docs/DevServer.md), not a missing route")
            #expect(Fixture.text(noKey).contains("key"))
            let get = try await client.send(method: "GET", path: "/ingress/visits/k")
            #expect(get.status == 405)
            #expect(get.headers["Allow"] == "POST, PUT")
            let getUnread = try await client.send(method: "GET", path: "/ingress/nobody-reads-this/k")
            #expect(getUnread.status == 404, "no resource there for any method, so not a 405")
            #expect(getUnread.headers["Allow"] == nil)
            let noTopicNoKey = try await client.send(path: "/ingress/visits", body: [1])
            #expect(noTopicNoKey.status == 404)
        }
    }

    @Test func stateShowsTheInstancesValuesDecoded() async throws {
        try await Fixture.withServer { client, _ in
            let before = Fixture.text(try await client.send(method: "GET", path: "/state/devtest/greeter/ann"))
            #expect(before.contains("\"state\": {}"), "an instance that never ran has no state")
            for _ in 0..<3 {
                _ = try await client.send(
                    path: "/devtest/greeter/ann", headers: ["Content-Type": "application/vnd.devtest/Visit"],
                    body: Fixture.Visit(name: "ann").serialize())
            }
            let state = try await client.send(method: "GET", path: "/state/devtest/greeter/ann")
            #expect(state.status == 200)
            let body = Fixture.text(state)
            #expect(body.contains("\"address\": \"devtest/greeter/ann\""))
            #expect(body.contains("\"type\": \"io.statefun.types/long\",\n      \"value\": 3"))
            #expect(body.contains("\"type\": \"devtest/Visit\",\n      \"value\": {\n        \"name\": \"ann\""))
            let other = Fixture.text(try await client.send(method: "GET", path: "/state/devtest/greeter/zoe"))
            #expect(other.contains("\"state\": {}"), "state is per id")
        }
    }

    @Test func stateErrorsNameTheProblem() async throws {
        try await Fixture.withServer { client, _ in
            let unknown = try await client.send(method: "GET", path: "/state/devtest/nobody/ann")
            #expect(unknown.status == 404)
            #expect(Fixture.text(unknown).contains("devtest/nobody"))
            let noNamespace = try await client.send(method: "GET", path: "/state//greeter/ann")
            #expect(noNamespace.status == 400)
            #expect(Fixture.text(noNamespace).contains("namespace"))
            let post = try await client.send(path: "/state/devtest/greeter/ann", body: [])
            #expect(post.status == 405)
            #expect(post.headers["Allow"] == "GET, HEAD")
            let noId = try await client.send(method: "GET", path: "/state/devtest/greeter/")
            #expect(noId.status == 400)
            #expect(Fixture.text(noId).contains("id"))
            let tooShort = try await client.send(method: "GET", path: "/state/devtest/greeter")
            #expect(tooShort.status == 404, "not a state route, and no function 'state/devtest' to POST to either")
            #expect(tooShort.headers["Allow"] == nil)
            let postUnknown = try await client.send(path: "/state/devtest/greeter/ann/x", body: [])
            #expect(postUnknown.status == 404, "the state of a function type nobody has: no resource for any method")
        }
    }

    @Test func sendErrorsNameTheProblem() async throws {
        try await Fixture.withServer { client, _ in
            let unknown = try await client.send(path: "/devtest/nobody/ann", body: Array("x".utf8))
            #expect(unknown.status == 404)
            #expect(Fixture.text(unknown).contains("devtest/nobody"))
            let badType = try await client.send(
                path: "/devtest/greeter/ann", headers: ["Content-Type": "application/vnd.no-slash"], body: [1])
            #expect(badType.status == 400)
            #expect(Fixture.text(badType).contains("'no-slash'"))
            let noNamespace = try await client.send(path: "//greeter/ann", body: [1])
            #expect(noNamespace.status == 400)
            #expect(Fixture.text(noNamespace).contains("namespace"))
            let badEscape = try await client.send(path: "/devtest/greeter/a%FF", body: [1])
            #expect(badEscape.status == 400)
            #expect(Fixture.text(badEscape).contains("percent"))
            let noId = try await client.send(path: "/devtest/greeter/", body: [1])
            #expect(noId.status == 400, "an empty id is a 400 (Docs/DevServer.md), not a missing route")
            #expect(Fixture.text(noId).contains("id"))
            let get = try await client.send(method: "GET", path: "/devtest/greeter/ann")
            #expect(get.status == 405)
            #expect(get.headers["Allow"] == "POST, PUT")
            let getUnknown = try await client.send(method: "GET", path: "/devtest/nobody/ann")
            #expect(getUnknown.status == 404, "no function there, so nothing takes POST either: not a 405")
            #expect(getUnknown.headers["Allow"] == nil)
            let nowhere = try await client.send(method: "GET", path: "/nowhere")
            #expect(nowhere.status == 404)
            #expect(Fixture.text(nowhere).contains("/egress/<topic>"), "a 404 lists the routes")
            let twoSegments = try await client.send(path: "/devtest/greeter", body: [1])
            #expect(twoSegments.status == 404)
        }
    }

    @Test func egressErrorsNameTheProblem() async throws {
        try await Fixture.withServer { client, _ in
            let deeper = try await client.send(method: "GET", path: "/egress/a/b")
            #expect(deeper.status == 404, "an unknown route, not a 405 for a function 'egress/a' nobody has")
            #expect(deeper.headers["Allow"] == nil)
            #expect(Fixture.text(deeper).contains("no route for GET /egress/a/b"))
            let post = try await client.send(path: "/egress/greetings", body: [])
            #expect(post.status == 405)
            #expect(post.headers["Allow"] == "GET, HEAD")
            let emptyTopic = try await client.send(method: "GET", path: "/egress//")
            #expect(emptyTopic.status == 400)
            #expect(Fixture.text(emptyTopic).contains("topic"))
            let trailingSlash = try await client.send(method: "GET", path: "/egress/greetings/")
            #expect(trailingSlash.status == 200)
            #expect(Fixture.text(trailingSlash).contains("\"topic\": \"greetings\""))
            let all = try await client.send(method: "GET", path: "/egress/")
            #expect(all.status == 200)
            #expect(Fixture.text(all).contains("\"records\": []"))
        }
    }

    @Test func oversizedAndUnframedBodiesGetTheServersStatuses() async throws {
        var configuration = Fixture.configuration()
        configuration.http.limits.maxBodyBytes = 64
        try await Fixture.withServer(configuration: configuration) { client, server in
            let large = try await client.send(path: "/devtest/greeter/ann", body: Array(repeating: 0x61, count: 65))
            #expect(large.status == 413)
            let raw = HTTPClient(address: client.address)
            defer { raw.close() }
            try await raw.write(Array("POST /devtest/greeter/ann HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            let unframed = try await raw.readResponse()
            #expect(unframed.status == 411)
            #expect(server.egressRecords().isEmpty, "neither request reached the function")
        }
    }

    @Test func anIdMayHoldAnEncodedSlash() async throws {
        try await Fixture.withServer { client, server in
            let response = try await client.send(path: "/devtest/greeter/a%2Fb", body: Array("hi".utf8))
            #expect(response.status == 200)
            #expect(server.egressRecords(topic: "texts").map(\.key) == ["a/b"])
        }
    }

    @Test func aFailingFunctionIsReportedInTheAnswer() async throws {
        try await Fixture.withServer { client, server in
            let response = try await client.send(
                path: "/devtest/greeter/x", headers: ["Content-Type": "application/vnd.devtest/Visit"],
                body: Fixture.Visit(name: "boom").serialize())
            #expect(response.status == 200)
            let body = Fixture.text(response)
            #expect(body.contains("\"failures\": [\n    \""))
            #expect(body.contains("boom requested"))
            #expect(server.egressRecords().isEmpty)
            #expect(Fixture.text(try await client.send(method: "GET", path: "/state/devtest/greeter/x")).contains("\"state\": {}"),
                "a failed batch leaves state untouched")
        }
    }

    @Test func answers202WhenWorkOutlastsTheDeliveryWait() async throws {
        let gate = Fixture.Gate()
        var configuration = Fixture.configuration()
        configuration.deliveryWait = .milliseconds(20)
        try await Fixture.withServer(configuration: configuration, gate: gate) { client, server in
            let response = try await client.send(path: "/devtest/slow/1", body: Array("wait".utf8))
            #expect(response.status == 202)
            #expect(Fixture.text(response).contains("\"idle\": false"))
            gate.open()
            await server.runtime.runUntilIdle()
            #expect(server.egressRecords(topic: "slow").count == 1, "the work goes on after the answer")
        }
    }

    @Test func keptRecordsStayWithinTheByteBudgetOldestDroppedFirst() async throws {
        var configuration = Fixture.configuration()
        configuration.maxEgressRecordBytes = 2048
        try await Fixture.withServer(configuration: configuration) { client, server in
            let long = String(repeating: "x", count: 1200)
            // The string handler writes four records: "echo <text>" to texts, two small ones, <text> to clicks.
            let response = try await client.send(path: "/devtest/greeter/ann", body: Array(long.utf8))
            #expect(response.status == 200)
            #expect(Fixture.text(response).contains("\"egressDropped\": 1"), "the answer says a record was not kept")
            #expect(server.egressRecords(topic: "texts").isEmpty, "the oldest large record went first")
            #expect(server.egressRecords(topic: "clicks").map(\.text) == [long])
            let everything = Fixture.text(try await client.send(method: "GET", path: "/egress"))
            #expect(everything.contains("\"droppedOldest\": 1"))
            let huge = String(repeating: "y", count: 4000)
            _ = try await client.send(path: "/devtest/greeter/bob", body: Array(huge.utf8))
            #expect(server.egressRecords().allSatisfy { $0.valueBytes.count < 2048 }, "a record over the budget is never kept")
            #expect(server.egressRecords().filter { $0.key == "bob" }.map(\.topic) == ["binary", "unlisted"],
                "of the last request, only its two small records are kept")
        }
    }

    @Test func healthAndIndexAnswer() async throws {
        try await Fixture.withServer { client, _ in
            let health = try await client.send(method: "GET", path: "/health")
            #expect(health.status == 200)
            #expect(Fixture.text(health) == "ok\n")
            let post = try await client.send(path: "/health", body: [])
            #expect(post.status == 405)
            #expect(post.headers["Allow"] == "GET, HEAD")
            let trailingSlash = try await client.send(method: "GET", path: "/health/")
            #expect(trailingSlash.status == 200)
            let postIndex = try await client.send(path: "/", body: [])
            #expect(postIndex.status == 405)
            let index = try await client.send(method: "GET", path: "/")
            #expect(index.status == 200)
            #expect(Fixture.text(index).contains("POST /ingress/<topic>/<key>"))
        }
    }

    @Test func printsEveryEgressRecordAsItAppears() async throws {
        let lines = Mutex<[String]>([])
        let output = CommandOutput(
            standardOutput: { text in lines.withLock { $0.append(text) } },
            standardError: { text in lines.withLock { $0.append("stderr: " + text) } })
        try await Fixture.withServer(output: output) { client, _ in
            _ = try await client.send(
                path: "/devtest/greeter/ann", headers: ["Content-Type": "application/vnd.devtest/Visit"],
                body: Fixture.Visit(name: "ann").serialize())
            _ = try await client.send(
                path: "/devtest/greeter/x", headers: ["Content-Type": "application/vnd.devtest/Visit"],
                body: Fixture.Visit(name: "boom").serialize())
        }
        let printed = lines.withLock { $0 }
        #expect(printed.contains { $0.hasPrefix("egress devtest/greets topic=greetings key=ann {") && $0.contains("Welcome ann") })
        #expect(printed.contains { $0.hasPrefix("stderr: failure: ") && $0.contains("boom requested") })
    }
}

/// The app, messages and server set-up the development server tests share.
enum DevServerFixture {
    /// A visit by name (`devtest/Visit`).
    struct Visit: ProtobufMessage, Equatable {
        static let messageName = "devtest.Visit"
        static var typeName: TypeName { "devtest/Visit" }
        var name = ""
        init(name: String) { self.name = name }
        init(from reader: inout WireReader) throws {
            while let tag = try reader.nextField() {
                if tag.number == 1 { name = try reader.readString(tag) } else { try reader.skip(tag) }
            }
        }
        func encode(to writer: inout WireWriter) { writer.writeString(1, name) }
    }

    /// A greeting (`devtest/Welcome`): name, text, count.
    struct Welcome: ProtobufMessage, Equatable {
        static let messageName = "devtest.Welcome"
        static var typeName: TypeName { "devtest/Welcome" }
        var name = ""
        var greeting = ""
        var count: Int64 = 0
        init(name: String, greeting: String, count: Int64) {
            self.name = name
            self.greeting = greeting
            self.count = count
        }
        init(from reader: inout WireReader) throws {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: name = try reader.readString(tag)
                case 2: greeting = try reader.readString(tag)
                case 3: count = try reader.readInt64(tag)
                default: try reader.skip(tag)
                }
            }
        }
        func encode(to writer: inout WireWriter) {
            writer.writeString(1, name)
            writer.writeString(2, greeting)
            writer.writeInt64(3, count)
        }
    }

    /// A message the server is not told about: shown by field number.
    struct Unlisted: ProtobufMessage {
        static let messageName = "devtest.Unlisted"
        var code: Int32 = 0
        var label = ""
        init(code: Int32, label: String) {
            self.code = code
            self.label = label
        }
        init(from reader: inout WireReader) throws {
            while let tag = try reader.nextField() { try reader.skip(tag) }
        }
        func encode(to writer: inout WireWriter) {
            writer.writeInt32(1, code)
            writer.writeString(2, label)
        }
    }

    /// Lets a handler wait until the test opens it.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

        func open() {
            let waiters = state.withLock { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }

        func wait() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let isOpen = state.withLock { state in
                    if !state.open { state.waiters.append(continuation) }
                    return state.open
                }
                if isOpen { continuation.resume() }
            }
        }
    }

    static let seen = ValueSpec<Int64>("seen")
    static let last = ValueSpec<Visit>("last")
    static let greets = KafkaEgress(id: "devtest/greets", address: "kafka:9092")
    static let stream = KinesisEgress(id: "devtest/stream")

    static func app(gate: Gate) -> App {
        App {
            Function("devtest/greeter") {
                seen
                last
                Handle(Visit.self) { context, visit in
                    if visit.name == "boom" { throw StateFunError.invalidArgument("boom requested") }
                    let count = (try context.storage.get(seen) ?? 0) + 1
                    try context.storage.set(seen, count)
                    try context.storage.set(last, visit)
                    let greeting = count == 1 ? "Welcome \(visit.name)" : "Nice to see you again \(visit.name)"
                    let welcome = Welcome(name: visit.name, greeting: greeting, count: count)
                    try context.send(greets.record(topic: "greetings", key: visit.name, value: .typed(welcome)))
                }
                Handle(String.self) { context, text in
                    let id = context.address.id
                    try context.send(greets.record(topic: "texts", key: id, value: .string("echo \(text)")))
                    try context.send(greets.record(topic: "binary", key: id, value: .bytes([0xFF, 0x00, 0xFE])))
                    try context.send(greets.record(topic: "unlisted", key: id, value: .typed(Unlisted(code: 7, label: "unlisted"))))
                    try context.send(stream.record(stream: "clicks", partitionKey: id, value: .string(text)))
                }
                Emits(greets, stream)
            }
            Function("devtest/slow") {
                Handle(String.self) { context, text in
                    await gate.wait()
                    try context.send(greets.record(topic: "slow", key: context.address.id, value: .string(text)))
                }
                Emits(greets)
            }
            greets
            stream
            KafkaIngress(id: "devtest/visits", address: "kafka:9092") {
                KafkaTopic("visits", valueType: Visit.self, targets: "devtest/greeter")
            }
        }
    }

    /// Any free port on loopback, one event loop, the test's message types, a short retry budget.
    static func configuration() -> DevServerConfiguration {
        var configuration = DevServerConfiguration(messageTypes: [Visit.self, Welcome.self])
        configuration.http.port = 0
        configuration.runtime.callTimeout = .milliseconds(30)
        configuration.runtime.initialBackoff = .milliseconds(1)
        return configuration
    }

    static let quiet = CommandOutput(standardOutput: { _ in }, standardError: { _ in })

    /// Starts a server on an ephemeral port, runs `body` with a client, shuts down.
    static func withServer(
        configuration: DevServerConfiguration = configuration(), gate: Gate = Gate(), output: CommandOutput = quiet,
        _ body: (HTTPClient, DevServer) async throws -> Void
    ) async throws {
        let server = DevServer(app: app(gate: gate), configuration: configuration, output: output)
        let addresses = try await server.start()
        let port = try #require(addresses.first?.port)
        let client = try HTTPClient(host: "127.0.0.1", port: port)
        do {
            try await body(client, server)
        } catch {
            client.close()
            gate.open()
            await server.shutdown()
            throw error
        }
        client.close()
        gate.open()
        await server.shutdown()
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }
}

/// The development server serves `serve`'s metrics on `GET /metrics` (issue 16), for its runtime's batches.
@Suite struct DevServerMetricsTests {
    typealias Fixture = DevServerFixture

    @Test func metricsCountTheRuntimesBatchesAndTheServersConnections() async throws {
        let registry = MetricsRegistry()
        var configuration = Fixture.configuration()
        configuration.metrics = registry
        try await Fixture.withServer(configuration: configuration) { client, _ in
            let sent = try await client.send(path: "/devtest/greeter/bob", body: Array("hi".utf8))
            #expect(sent.status == 200)
            let response = try await client.send(method: "GET", path: "/metrics")
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == MetricsRegistry.prometheusContentType)
            let text = Fixture.text(response)
            #expect(text.contains("# TYPE statefun_batches_total counter"))
            #expect(text.contains("statefun_http_open_connections 1"), "\(text)")
            let succeeded = registry.family("statefun_batches_total")?
                .series(["function": "devtest/greeter", "outcome": "success"])?.value
            #expect(succeeded == .number(1), "the one batch the POST caused")
            let head = try await client.send(method: "HEAD", path: "/metrics/")
            #expect(head.status == 200, "HEAD, and a trailing slash, as on /health")
            let post = try await client.send(path: "/metrics", body: [])
            #expect(post.status == 405)
        }
    }

    @Test func withoutMetricsTheRouteIsNotFound() async throws {
        var configuration = Fixture.configuration()
        configuration.metrics = nil
        try await Fixture.withServer(configuration: configuration) { client, _ in
            let response = try await client.send(method: "GET", path: "/metrics")
            #expect(response.status == 404)
        }
    }
}
