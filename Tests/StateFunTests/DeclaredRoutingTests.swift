import StateFun
import StateFunHTTP
import StateFunTesting
import Testing

/// Issue 17 item 2: a function declares what it talks to (`Sends`, `Emits`); a send or an egress write it does not
/// declare fails at the first attempt, with the same words, in a test, the local runtime, `dev` and `serve`.
@Suite("Declared routing: Sends and Emits, enforced in every mode")
struct DeclaredRoutingTests {
    static let audit = KafkaEgress(id: "routing/audit", address: "kafka:9092")
    static let other = KafkaEgress(id: "routing/other", address: "kafka:9092")

    static let inventory = Function("routing/inventory") {
        Handle(String.self) { context, _ in try context.reply("reserved") }
        Sends()  // sends to no function: a reply needs no declaration
    }
    static let stranger = Function("routing/stranger") { Handle(String.self) { _, _ in } }
    /// Sends to `routing/inventory` and writes to `routing/audit`, as it declares; each command does one thing.
    static let cart = Function("routing/cart") {
        Handle(String.self) { context, command in
            let id = context.address.id
            switch command {
            case "inventory": try context.send("reserve", to: inventory(id))
            case "stranger": try context.send("hi", to: stranger(id))
            case "stranger-later": try context.send("hi", to: stranger(id), after: .seconds(1))
            case "stranger-untyped": try context.send("hi", to: Address("routing/stranger", id: id))
            case "audit": try context.send(audit.record(topic: "audit", key: id, value: .string("ok")))
            case "other": try context.send(other.record(topic: "other", key: id, value: .string("no")))
            case "other-by-id": try context.send(Egress(id: "routing/other").record("no"))
            case "reply": try context.reply("done")
            case "self": try context.send("audit", to: context.address, after: .seconds(1))
            case "self-other-id": try context.send("audit", to: Address("routing/cart", id: "bob"))
            default: break
            }
        }
        Sends(inventory)
        Emits(audit)
    }
    /// Declares no routing: not checked, as apps written before `Sends` existed.
    static let legacy = Function("routing/legacy") {
        Handle(String.self) { context, _ in
            try context.send("hi", to: stranger("x"))
            try context.send(other.record(topic: "other", key: "x", value: .string("unchecked")))
        }
    }
    static let app = App {
        cart
        inventory
        stranger
        legacy
        audit
        other
    }

    static func invoke(
        _ command: String, caller: Address? = nil, _ version: ProtocolVersion = .v3
    ) async throws -> InvocationResult {
        try await TestInvocation(app: app, function: cart.typeName, id: "ann", protocolVersion: version)
            .caller(caller).invoke(with: command)
    }

    /// The words every mode reports for an undeclared send to `routing/stranger`.
    static func namesTheUndeclaredSend(_ text: String) -> Bool {
        text.contains("function routing/cart sends to routing/stranger/")
            && text.contains("does not declare routing/stranger with Sends")
            && text.contains("add Sends(\"routing/stranger\")")
    }

    static func namesTheUndeclaredEgress(_ text: String) -> Bool {
        text.contains("function routing/cart writes to egress routing/other")
            && text.contains("add Emits(\"routing/other\")")
    }

    // MARK: - TestInvocation

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func aSendToAFunctionNotDeclaredWithSendsFailsTheFirstTestInvocation(version: ProtocolVersion) async throws {
        for command in ["stranger", "stranger-later", "stranger-untyped"] {
            let error = await #expect(throws: StateFunError.self, "\(command)") { try await Self.invoke(command, version) }
            guard case .handlerFailed("routing/cart", "ann", let underlying as StateFunError)? = error,
                case .undeclaredSend(let function, let target) = underlying
            else {
                Issue.record("\(command): \(String(describing: error))")
                continue
            }
            #expect(function == "routing/cart" && target == Address("routing/stranger", id: "ann"))
            #expect(Self.namesTheUndeclaredSend("\(error!)"), "\(error!)")
        }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func anEgressWriteNotDeclaredWithEmitsFailsTheFirstTestInvocation(version: ProtocolVersion) async throws {
        for command in ["other", "other-by-id"] {
            let error = await #expect(throws: StateFunError.self, "\(command)") { try await Self.invoke(command, version) }
            guard case .handlerFailed(_, _, let underlying as StateFunError)? = error,
                case .undeclaredEgress("routing/cart", "routing/other") = underlying
            else {
                Issue.record("\(command): \(String(describing: error))")
                continue
            }
            #expect(Self.namesTheUndeclaredEgress("\(error!)"), "\(error!)")
        }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func declaredSendsDeclaredEgressesRepliesAndSendsToItsOwnTypePass(version: ProtocolVersion) async throws {
        let reserved = try await Self.invoke("inventory", version)
        #expect(reserved.sentMessages.map(\.target) == [Address("routing/inventory", id: "ann")])
        let audited = try await Self.invoke("audit", version)
        #expect(audited.egressRecords.map(\.egress) == ["routing/audit"])
        // A reply goes to whoever called, declared or not.
        let caller = Address("routing/stranger", id: "zoe")
        let replied = try await Self.invoke("reply", caller: caller, version)
        #expect(replied.sentMessages.map(\.target) == [caller])
        let later = try await Self.invoke("self", version)
        #expect(later.delayedMessages.map(\.target) == [Address("routing/cart", id: "ann")])
        let sibling = try await Self.invoke("self-other-id", version)
        #expect(sibling.sentMessages.map(\.target) == [Address("routing/cart", id: "bob")])
    }

    @Test func aFunctionThatDeclaresNoRoutingIsNotChecked() async throws {
        let result = try await TestInvocation(app: Self.app, function: Self.legacy.typeName, id: "x").invoke(with: "go")
        #expect(result.sentMessages.map(\.target) == [Address("routing/stranger", id: "x")])
        #expect(result.egressRecords.map(\.egress) == ["routing/other"])
    }

    @Test func anEmptySendsDeclaresThatTheFunctionSendsToNone() async throws {
        let app = App {
            Function("routing/quiet") {
                Handle(String.self) { context, _ in try context.send("hi", to: Address("routing/stranger", id: "x")) }
                Sends()
            }
            Self.stranger
        }
        let error = await #expect(throws: StateFunError.self) {
            try await TestInvocation(app: app, function: "routing/quiet", id: "q").invoke(with: "go")
        }
        #expect("\(error!)".contains("function routing/quiet sends to routing/stranger/x"))
    }

    // MARK: - LocalRuntime

    @Test func theLocalRuntimeReportsAnUndeclaredSendAtTheFirstAttemptAsPermanent() async throws {
        let runtime = LocalRuntime.forTesting(app: Self.app)
        for command in ["stranger", "other"] {
            try await runtime.sendAndWait(command, to: Self.cart("ann"))
        }
        // No retry is pending: the failures are reported without advancing the clock.
        let failures = runtime.failures
        try #require(failures.count == 2, "\(failures)")
        #expect(failures.allSatisfy { $0.attempts == 1 && !$0.error.isRetryable })
        #expect(Self.namesTheUndeclaredSend("\(failures[0])"), "\(failures[0])")
        #expect(Self.namesTheUndeclaredEgress("\(failures[1])"), "\(failures[1])")
        #expect(runtime.egressRecords.isEmpty)

        try await runtime.sendAndWait("inventory", to: Self.cart("ann"))
        try await runtime.sendAndWait("audit", to: Self.cart("ann"))
        #expect(runtime.failures.count == 2, "declared routes run: \(runtime.failures)")
        #expect(runtime.egressRecords.map(\.egress) == ["routing/audit"])
    }

    // MARK: - dev

    @Test func theDevServerAnswersAnUndeclaredSendWithItsFailureAtOnce() async throws {
        var configuration = DevServerConfiguration()
        configuration.http.port = 0
        configuration.runtime.callTimeout = .seconds(600)  // a retried failure would outlast the delivery wait
        let server = DevServer(app: Self.app, configuration: configuration, output: DevServerFixture.quiet)
        let port = try #require(try await server.start().first?.port)
        let client = try HTTPClient(host: "127.0.0.1", port: port)
        defer { client.close() }
        let response = try await client.send(path: "/routing/cart/ann", body: Array("stranger".utf8))
        // The answer is JSON: its strings escape quotes.
        let body = String(decoding: response.body, as: UTF8.self).replacing("\\\"", with: "\"")
        #expect(response.status == 200, "\(body)")
        #expect(body.contains("\"failures\": [") && Self.namesTheUndeclaredSend(body), "\(body)")
        await server.shutdown()
    }

    // MARK: - serve

    @Test func aServedFunctionFailsTheBatchOfAnUndeclaredSendWithItsMessage() async throws {
        let undeclared = Requests.v3(Address("routing/cart", id: "ann"), [(nil, Requests.typed("stranger"))])
        let declared = Requests.v3(Address("routing/cart", id: "ann"), [(nil, Requests.typed("inventory"))])
        let (failed, succeeded) = try await LoopbackServe.with(Self.app) { client in
            (try await client.send(path: "/statefun", body: undeclared), try await client.send(path: "/statefun", body: declared))
        }
        #expect(failed.status == 500)
        #expect(Self.namesTheUndeclaredSend(String(decoding: failed.body, as: UTF8.self)))
        #expect(succeeded.status == 200)
    }

    // MARK: - validate

    @Test func validateReportsASendsTargetThatDoesNotExist() {
        let app = App {
            Function("routing/cart") {
                Handle(String.self) { _, _ in }
                Sends("routing/inventry", "remote/pricing", "routing/cart")
            }
            Endpoint(functions: "routing/*", urlPathTemplate: "http://shop:8000/statefun")
            Endpoint(functions: "remote/*", urlPathTemplate: "http://pricing:8000/statefun")
        }
        let errors = app.validate().filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["unknown-send-target"], "\(errors)")
        #expect(errors.first?.message.contains("Sends(\"routing/inventry\")") == true)
        #expect(errors.first?.declaration == "function routing/cart")
    }

    @Test func validateAcceptsTheDeclaredRoutingOfTheTestApp() {
        #expect(Self.app.validate().filter { $0.severity == .error }.isEmpty, "\(Self.app.validate())")
    }

    @Test func twoFunctionsMayNameEachOtherInSends() {
        #expect(Ping.app.model.functions.map(\.sends) == [["routing/pong"], ["routing/ping"]])
    }

    // MARK: - describe

    @Test func theGraphDrawsEveryDeclaredSendAndEmit() {
        let graph = AppGraph(model: Self.app.model)
        let edges = graph.edges.map { "\($0.from) -> \($0.to) [\($0.label)]" }
        #expect(edges.contains("function:routing/cart -> function:routing/inventory [sends]"))
        #expect(edges.contains("function:routing/cart -> egress:routing/audit [emits]"))
        #expect(!edges.contains { $0.contains("routing/stranger") }, "only declared edges")
        #expect(Self.app.describe().contains("function routing/cart\n  handles") && Self.app.describe().contains("  sends to routing/inventory"))
    }
}

/// Two functions that send to each other: `Sends` reads its references when the app is built, so neither global
/// needs the other initialized first (one type is written out, as for any two functions that refer to each other).
enum Ping {
    static let ping: Function<Handles<String>> = Function("routing/ping") {
        Handle(String.self) { context, text in try context.send(text, to: pong(context.address.id)) }
        Sends(pong)
    }
    static let pong = Function("routing/pong") {
        Handle(String.self) { context, text in try context.send(text, to: ping(context.address.id)) }
        Sends(ping)
    }
    static let app = App {
        ping
        pong
    }
}
