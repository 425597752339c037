import Foundation
import StateFun
import StateFunHTTP
import StateFunProtocol
import StateFunTesting
import StateFunWire
import Synchronization
import Testing

/// The failure policy at run time (issue 16): a batch [good, poison, good] under `.deadLetter`, `.discard` and the
/// default `.retry`, on the HTTP path (real loopback), in LocalRuntime and in TestInvocation, on 3.x and 2.x.
@Suite struct FailurePolicyTests {
    static let out = KafkaEgress(id: "test/out", address: "kafka:9092")
    static let dlq = KafkaEgress(id: "test/dlq", address: "kafka:9092")
    static let count = ValueSpec<Int64>("count")
    static let deadLettering: TypeName = "test/dead-lettering"
    static let discarding: TypeName = "test/discarding"
    static let retrying: TypeName = "test/retrying"

    /// Three functions with one body: "poison" changes the state and sends a record, then fails permanently;
    /// "boom" fails transiently; anything else counts and sends a record.
    static let app = App {
        for (type, policy) in [
            (deadLettering, FailurePolicy.deadLetter(to: dlq, topic: "dead")), (discarding, .discard), (retrying, .retry),
        ] {
            Function(type) {
                count
                Handle(String.self) { context, text in
                    let seen = (try context.storage.get(count) ?? 0) + 1
                    try context.storage.set(count, text == "poison" ? 999 : seen)
                    try context.send(out.record(topic: "out", key: context.address.id, value: .string(text)))
                    if text == "poison" { throw PermanentError("poison is never accepted") }
                    if text == "boom" { throw BoomError() }
                }
                Emits(out)
                OnFailure(policy)
            }
        }
        out
        dlq
    }

    struct BoomError: Error, CustomStringConvertible {
        var description: String { "boom (transient)" }
    }

    // MARK: - Request and answer, either protocol

    static func request(_ version: ProtocolVersion, _ function: TypeName, _ texts: [String]) -> [UInt8] {
        let target = Address(function, id: "a")
        let caller = Address("test/caller", id: "c")
        switch version {
        case .v3:
            return Requests.v3(target, states: [("count", Requests.empty(Int64.self))], texts.map { (caller, Requests.typed($0)) })
        case .v2:
            return Requests.v2Strings(target, states: ["count"], texts.map { (caller, $0) })
        }
    }

    /// What an answer carries, either protocol: state mutations (name, value bytes) and egress records (egress,
    /// Kafka topic, key, value text), in order.
    struct Answer: Equatable {
        var mutations: [String: [UInt8]?] = [:]
        var records: [Record] = []

        struct Record: Equatable {
            var egress: String
            var topic: String
            var key: String
            var value: String
        }

        init(_ bytes: [UInt8], _ version: ProtocolVersion) throws {
            switch version {
            case .v3:
                let result = try Requests.result(bytes)
                for mutation in result.stateMutations { mutations[mutation.stateName] = mutation.stateValue?.value }
                for egress in result.outgoingEgresses {
                    try add(egress.egressNamespace, egress.egressType, egress.argument?.value ?? [])
                }
            case .v2:
                let response = try FromFunctionV2(serialized: bytes)
                guard case .invocationResult(let result) = response.response else {
                    if response.response == nil { return }
                    throw StateFunError.invalidArgument("no invocation result")
                }
                for mutation in result.stateMutations { mutations[mutation.stateName] = mutation.stateValue?.bytes }
                for egress in result.outgoingEgresses {
                    try add(egress.egressNamespace, egress.egressType, egress.argument?.value ?? [])
                }
            }
        }

        private mutating func add(_ namespace: String, _ type: String, _ argument: [UInt8]) throws {
            let record = try KafkaProducerRecord(serialized: argument)
            records.append(
                Record(
                    egress: namespace + "/" + type, topic: record.topic, key: record.key,
                    value: String(decoding: record.valueBytes, as: UTF8.self)))
        }

        /// The records but the dead-letter ones.
        var ordinaryRecords: [Record] { records.filter { $0.egress != "test/dlq" } }
        var deadLetters: [Record] { records.filter { $0.egress == "test/dlq" } }
    }

    /// Checks a dead-letter record's JSON document against the poisoned invocation.
    static func checkDeadLetter(_ value: String, id: String, caller: String?, version: ProtocolVersion) throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: Any])
        #expect(json["function"] as? String == deadLettering.description)
        #expect(json["id"] as? String == id)
        #expect(json["caller"] as? String == caller)
        let type = try #require(json["message_type"] as? String)
        #expect(type.hasSuffix(version == .v3 ? "io.statefun.types/string" : "google.protobuf.StringValue"), "\(type)")
        let base64 = try #require(json["message_bytes"] as? String)
        let bytes = try #require(Data(base64Encoded: base64))
        // The message's bytes as they arrived: the string "poison" in its wrapper (field 1).
        #expect(String(decoding: bytes.dropFirst(2), as: UTF8.self) == "poison")
        #expect((json["error"] as? String)?.contains("poison is never accepted") == true)
        #expect((json["time"] as? String)?.hasSuffix("Z") == true)
    }

    // MARK: - HTTP (real loopback)

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func overHTTPDeadLetterAnswers200WithTheOthersEffectsAndOneRecord(version: ProtocolVersion) async throws {
        try await LoopbackServe.with(Self.app, { $0.protocolVersion = version }) { client in
            let poisoned = try await client.send(path: "/statefun", body: Self.request(version, Self.deadLettering, ["ann", "poison", "bob"]))
            let clean = try await client.send(path: "/statefun", body: Self.request(version, Self.deadLettering, ["ann", "bob"]))
            #expect(poisoned.status == 200 && clean.status == 200)
            let answer = try Answer(poisoned.body, version)
            let expected = try Answer(clean.body, version)
            #expect(answer.mutations == expected.mutations, "state as if the poison had not run")
            #expect(answer.ordinaryRecords == expected.ordinaryRecords)
            #expect(answer.ordinaryRecords.map(\.value) == ["ann", "bob"])
            let dead = try #require(answer.deadLetters.first)
            #expect(answer.deadLetters.count == 1 && dead.topic == "dead" && dead.key == "a")
            #expect(answer.records.map(\.value).first == "ann" && answer.records.last?.value == "bob", "in invocation order")
            try Self.checkDeadLetter(dead.value, id: "a", caller: "test/caller/c", version: version)
        }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func overHTTPDiscardAnswersAsIfThePoisonHadNotCome(version: ProtocolVersion) async throws {
        try await LoopbackServe.with(Self.app, { $0.protocolVersion = version }) { client in
            let poisoned = try await client.send(path: "/statefun", body: Self.request(version, Self.discarding, ["ann", "poison", "bob"]))
            let clean = try await client.send(path: "/statefun", body: Self.request(version, Self.discarding, ["ann", "bob"]))
            #expect(poisoned.status == 200)
            #expect(poisoned.body == clean.body, "byte for byte the answer without the poison")
        }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func overHTTPTheDefaultPolicyAndATransientFailureAnswer500(version: ProtocolVersion) async throws {
        try await LoopbackServe.with(Self.app, { $0.protocolVersion = version }) { client in
            let retried = try await client.send(path: "/statefun", body: Self.request(version, Self.retrying, ["ann", "poison", "bob"]))
            #expect(retried.status == 500)
            for function in [Self.deadLettering, Self.discarding] {
                let transient = try await client.send(path: "/statefun", body: Self.request(version, function, ["ann", "boom", "bob"]))
                #expect(transient.status == 500, "transient failures are always retried (\(function))")
            }
        }
    }

    // MARK: - The handler reports what the policy did

    @Test func theBatchOutcomeListsTheSkippedInvocation() async throws {
        let recorder = RecordingInstrumentation(invocations: true)
        let handler = RequestReplyHandler(app: Self.app, instrumentation: recorder)
        _ = try await handler.handle(Self.request(.v3, Self.deadLettering, ["ann", "poison", "bob"]))
        let outcome = try #require(recorder.ends.first?.1)
        #expect(outcome.status == .success && outcome.failure == nil)
        let skipped = try #require(outcome.skippedInvocations.first)
        #expect(outcome.skippedInvocations.count == 1 && skipped.invocationIndex == 1 && skipped.kind == .permanent)
        #expect(skipped.action == .deadLetter(egress: "test/dlq"))
        #expect(outcome.effects.egressRecords.map(\.egress) == ["test/out", "test/dlq"])
        #expect(outcome.effects.egressRecords.map(\.count) == [2, 1], "the poison's own record was dropped")
    }

    @Test func aPlainEgressGetsTheDocumentAsAString() async throws {
        let app = App {
            Function("test/plain") {
                Handle(String.self) { _, _ in throw PermanentError("no") }
                OnFailure(.deadLetter(to: Egress(id: "ops/poison")))
            }
        }
        let body = Requests.v3(Address("test/plain", id: "p"), [(nil, Requests.typed("x"))])
        let result = try Requests.result(try await RequestReplyHandler(app: app).handle(body))
        let egress = try #require(result.outgoingEgresses.first)
        #expect(result.outgoingEgresses.count == 1 && egress.egressNamespace == "ops" && egress.egressType == "poison")
        let argument = try #require(egress.argument)
        #expect(argument.typename == "io.statefun.types/string")
        let text = try String.deserialize(from: argument.value)
        #expect(text.hasPrefix("{\"function\":\"test/plain\",\"id\":\"p\",\"caller\":null,"), "\(text)")
    }

    // MARK: - LocalRuntime

    static func runtime(_ version: ProtocolVersion) -> LocalRuntime {
        LocalRuntime.forTesting(app: app, protocolVersion: version)
    }

    /// Sends "first", then [ann, poison, bob] to one address: the runtime starts a batch with the first message
    /// at once and batches what waits behind it, so the other three run as one batch [good, poison, good].
    static func sendPoisoned(_ runtime: LocalRuntime, _ function: TypeName) async throws {
        let address = Address(function, id: "a")
        for text in ["first", "ann", "poison", "bob"] { try runtime.send(text, to: address) }
        await runtime.runUntilIdle()
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func inLocalRuntimeDeadLetterKeepsTheGoodInvocationsAndRecordsThePoison(version: ProtocolVersion) async throws {
        let runtime = Self.runtime(version)
        try await Self.sendPoisoned(runtime, Self.deadLettering)
        try runtime.checkNoFailures()
        #expect(runtime.value(Self.count, of: Address(Self.deadLettering, id: "a")) == 3)
        #expect(runtime.egressTexts(topic: "out") == ["first", "ann", "bob"])
        let dead = runtime.egressRecords(egress: "test/dlq")
        #expect(dead.count == 1 && dead.first?.topic == "dead" && dead.first?.key == "a")
        try Self.checkDeadLetter(try #require(dead.first?.text), id: "a", caller: nil, version: version)
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func inLocalRuntimeDiscardKeepsTheGoodInvocationsOnly(version: ProtocolVersion) async throws {
        let runtime = Self.runtime(version)
        try await Self.sendPoisoned(runtime, Self.discarding)
        try runtime.checkNoFailures()
        #expect(runtime.value(Self.count, of: Address(Self.discarding, id: "a")) == 3)
        #expect(runtime.egressTexts(topic: "out") == ["first", "ann", "bob"])
        #expect(runtime.egressRecords(egress: "test/dlq").isEmpty)
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func inLocalRuntimeTheDefaultPolicyFailsTheBatchAtOnceAndChangesNothing(version: ProtocolVersion) async throws {
        let runtime = Self.runtime(version)
        let address = Address(Self.retrying, id: "a")
        try await Self.sendPoisoned(runtime, Self.retrying)
        let failure = try #require(runtime.failures.first)
        #expect(runtime.failures.count == 1 && failure.attempts == 1, "a permanent failure is reported after one attempt")
        #expect(failure.droppedMessages.count == 3, "the batch [ann, poison, bob]")
        #expect(runtime.awaitingRetry.isEmpty)
        #expect(runtime.value(Self.count, of: address) == 1, "only the batch before it counted")
        #expect(runtime.egressTexts(topic: "out") == ["first"])
        #expect(throws: RuntimeFailures.self) { try runtime.checkNoFailures() }
    }

    @Test func checkNoFailuresFailsWhileABatchWaitsForARetry() async throws {
        let runtime = Self.runtime(.v3)
        let address = Address(Self.deadLettering, id: "a")
        try runtime.send("boom", to: address)
        await runtime.runUntilIdle()
        #expect(runtime.failures.isEmpty, "a transient failure is retried, not reported yet")
        #expect(runtime.awaitingRetry.map(\.address) == [address])
        let error = try #require(throws: RuntimeFailures.self) { try runtime.checkNoFailures() }
        #expect(error.awaitingRetry.count == 1 && error.description.contains("waiting for a retry"), "\(error)")
    }

    @Test func theDevServerReportsAPermanentFailureOnceWithoutRetrying() async throws {
        var configuration = DevServerConfiguration()
        configuration.logSink = nil
        let server = DevServer(
            app: Self.app, configuration: configuration,
            output: CommandOutput(standardOutput: { _ in }, standardError: { _ in }))
        defer { server.runtime.shutDown() }
        let attempts = Mutex<[Int]>([])
        server.runtime.onFailure { failure in attempts.withLock { $0.append(failure.attempts) } }
        try server.runtime.send("poison", to: Address(Self.retrying, id: "a"))
        await server.runtime.runUntilIdle()
        #expect(attempts.withLock { $0 } == [1], "reported after the first attempt, not after the call timeout")
        #expect(server.runtime.awaitingRetry.isEmpty)
    }

    // MARK: - TestInvocation

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func inTestInvocationThePolicyAppliesToABatch(version: ProtocolVersion) async throws {
        let messages = try ["ann", "poison", "bob"].map { try Message($0, protocolVersion: version) }
        let dead = try await TestInvocation(app: Self.app, function: Self.deadLettering, id: "a", protocolVersion: version)
            .invoke(with: messages)
        #expect(dead.state(Self.count) == 2)
        #expect(dead.egressRecords.filter { $0.egress == "test/out" }.map(\.text) == ["ann", "bob"])
        let record = try #require(dead.egressRecords.first { $0.egress == "test/dlq" })
        try Self.checkDeadLetter(try #require(record.text), id: "a", caller: nil, version: version)

        let discarded = try await TestInvocation(app: Self.app, function: Self.discarding, id: "a", protocolVersion: version)
            .invoke(with: messages)
        #expect(discarded.state(Self.count) == 2)
        #expect(discarded.egressTexts == ["ann", "bob"])

        await #expect(throws: (any Error).self) {
            try await TestInvocation(app: Self.app, function: Self.retrying, id: "a", protocolVersion: version)
                .invoke(with: messages)
        }
    }
}
