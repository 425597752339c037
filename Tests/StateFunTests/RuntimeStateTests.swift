import StateFun
import Synchronization
import Testing
import StateFunProtocol

@Suite("Local runtime: state registration, checks and expiration")
struct RuntimeStateTests {
    // MARK: - The 3.x missing-state handshake

    @Test func registersMissingStatesAndResendsTheSameBatch() async throws {
        let log = EventLog()
        let app = App { Recorder.function(log: log) }
        let transport = RecordingTransport(InProcessTransport(app: app))
        let runtime = LocalRuntime(app: app, clock: ManualClock(), transport: transport)
        let a = Recorder.address("a")

        try runtime.send("hello", to: a)
        await runtime.runUntilIdle()
        try runtime.send("again", to: a)
        await runtime.runUntilIdle()

        let batches = try transport.records.map { try #require(ToFunctionV3(serialized: $0.body).invocation) }
        try #require(batches.count == 3)
        // 1: no state known yet; the SDK answers IncompleteInvocationContext.
        #expect(batches[0].state.isEmpty)
        // 2: the same invocations, now with the registered state, name only (registered but empty).
        #expect(batches[1].invocations == batches[0].invocations)
        #expect(batches[1].state == [.init(stateName: "count", stateValue: nil)])
        // 3: the next message carries the value under its registered typename.
        let value = try #require(batches[2].state.first?.stateValue)
        #expect(batches[2].state.map(\.stateName) == ["count"])
        #expect(value.typename == "io.statefun.types/int" && value.hasValue)
        #expect(try Int32.deserialize(from: value.value) == 1)
        #expect(log.entries == ["a:hello", "a:again"])
        #expect(runtime.state(of: a)["count"] == Message(typeName: "io.statefun.types/int", bytes: Int32(2).serialize()))
    }

    @Test func firstRegistrationWinsAndAnotherTypenameIsAnError() async throws {
        // The function first declares `s` as int expiring 1 s after write; later it lists `s` again without
        // expiration, next to a new state `t`: `t` is registered, `s` keeps its first registration.
        let answers = Answers([
            missing(("s", "io.statefun.types/int", .afterWrite, 1000)),
            effects(modify: ("s", "io.statefun.types/int", [8])),
            missing(("s", "io.statefun.types/int", .none, 0), ("t", "io.statefun.types/int", .none, 0)),
            effects(modify: ("s", "io.statefun.types/int", [9])),
        ])
        let transport = RecordingTransport(ScriptedTransport { _ throws(RuntimeError) in answers.next() })
        let runtime = LocalRuntime(
            app: App { Function("test/f") { Otherwise { _, _ in } } }, clock: ManualClock(), transport: transport)
        let address = Address("test/f", id: "1")
        try runtime.send("x", to: address)
        await runtime.runUntilIdle()
        #expect(runtime.state(of: address)["s"]?.bytes == [8])
        try runtime.send("y", to: address)
        await runtime.runUntilIdle()
        #expect(runtime.state(of: address)["s"]?.bytes == [9])
        let last = try #require(transport.records.last.flatMap { try ToFunctionV3(serialized: $0.body).invocation })
        #expect(last.state.map(\.stateName) == ["s", "t"])
        await runtime.advance(by: .milliseconds(999))
        #expect(runtime.state(of: address)["s"]?.bytes == [9])
        await runtime.advance(by: .milliseconds(1))
        #expect(runtime.state(of: address)["s"] == nil, "expired 1 s after the write, as first registered")
        #expect(runtime.failures.isEmpty)

        let conflict = Answers([missing(("s", "io.statefun.types/string", .none, 0))])
        let runtime2 = LocalRuntime(
            app: App { Function("test/f") { Otherwise { _, _ in } } }, clock: ManualClock(),
            transport: ScriptedTransport { call throws(RuntimeError) in
                let batch = try? ToFunctionV3(serialized: call.body).invocation
                return batch?.state.isEmpty == true
                    ? missing(("s", "io.statefun.types/int", .none, 0)) : conflict.next()
            })
        try runtime2.send("x", to: address)
        await runtime2.runUntilIdle()
        #expect(
            runtime2.failures.map(\.error) == [
                .stateSpecConflict(
                    function: "test/f", state: "s", registered: "io.statefun.types/int",
                    declared: "io.statefun.types/string")
            ])
    }

    @Test func reportsAFunctionThatAsksForStatesItWasSent() async throws {
        let runtime = LocalRuntime(
            app: App { Function("test/f") { Otherwise { _, _ in } } }, clock: ManualClock(),
            transport: ScriptedTransport { _ throws(RuntimeError) in missing(("s", "io.statefun.types/int", .none, 0)) })
        try runtime.send("x", to: Address("test/f", id: "1"))
        await runtime.runUntilIdle()
        #expect(runtime.failures.map(\.error) == [.stateHandshakeLoop(function: "test/f", states: ["s"])])
    }

    // MARK: - Mutation checks

    @Test(arguments: [
        (
            effects(modify: ("s", "io.statefun.types/string", [1])),
            RuntimeError.stateTypeMismatch(
                function: "test/f", state: "s", registered: "io.statefun.types/int", written: "io.statefun.types/string")
        ),
        (effects(modify: ("ghost", "io.statefun.types/int", [1])), .unregisteredState(function: "test/f", state: "ghost")),
        (effects(mutationType: 7, modify: ("s", "io.statefun.types/int", [1])), .unrecognizedMutation(state: "s", mutationType: 7)),
    ])
    func rejectsMutationsTheRegistrationDoesNotAllow(answer: [UInt8], expected: RuntimeError) async throws {
        let answers = Answers([
            missing(("s", "io.statefun.types/int", .none, 0)),
            effects(modify: ("s", "io.statefun.types/int", [5])),
            answer,
        ])
        let runtime = LocalRuntime(
            app: App { Function("test/f") { Otherwise { _, _ in } } }, clock: ManualClock(),
            transport: ScriptedTransport { _ throws(RuntimeError) in answers.next() })
        let address = Address("test/f", id: "1")
        try runtime.send("one", to: address)
        await runtime.runUntilIdle()
        try runtime.send("two", to: address)
        await runtime.runUntilIdle()
        #expect(runtime.failures.map(\.error) == [expected])
        #expect(runtime.failures.first?.attempts == 1)
        #expect(runtime.state(of: address)["s"]?.bytes == [5], "the rejected batch changed nothing")
    }

    // MARK: - Expiration

    @Test func expiresAfterWriteCountingOnlyWrites() async throws {
        let value = ValueSpec<String>("value", expireAfterWrite: .seconds(10))
        let runtime = LocalRuntime(app: App { KeyValue.function(value) }, clock: ManualClock())
        let a = KeyValue.address("a")

        try runtime.send("set:x", to: a)
        await runtime.advance(by: .seconds(8))
        try runtime.send("get", to: a)  // a read: does not extend the life of the value
        await runtime.advance(by: .seconds(1))
        #expect(try runtime.state(value, of: a) == "x")
        await runtime.advance(by: .seconds(1))  // 10 s after the write
        #expect(try runtime.state(value, of: a) == nil)
        try runtime.send("get", to: a)
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords.compactMap(\.text) == ["x", "-"])
    }

    @Test func expiresAfterCallCountingEveryCall() async throws {
        let value = ValueSpec<String>("value", expireAfterCall: .seconds(10))
        let runtime = LocalRuntime(app: App { KeyValue.function(value) }, clock: ManualClock())
        let a = KeyValue.address("a")

        try runtime.send("set:x", to: a)
        for _ in 0..<3 {
            await runtime.advance(by: .seconds(8))
            try runtime.send("get", to: a)  // every call keeps the value alive
        }
        await runtime.advance(by: .seconds(9))
        #expect(try runtime.state(value, of: a) == "x")  // 9 s after the last call
        await runtime.advance(by: .seconds(1))
        #expect(try runtime.state(value, of: a) == nil)
        try runtime.send("get", to: a)
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords.compactMap(\.text) == ["x", "x", "x", "-"])
    }

    @Test func expirationDoesNotTouchOtherAddressesOrStates() async throws {
        let value = ValueSpec<String>("value", expireAfterWrite: .seconds(5))
        let runtime = LocalRuntime(app: App { KeyValue.function(value) }, clock: ManualClock())
        try runtime.send("set:a", to: KeyValue.address("a"))
        await runtime.advance(by: .seconds(3))
        try runtime.send("set:b", to: KeyValue.address("b"))
        await runtime.advance(by: .seconds(2))
        #expect(try runtime.state(value, of: KeyValue.address("a")) == nil)
        #expect(try runtime.state(value, of: KeyValue.address("b")) == "b")
    }
}

/// `set:<text>` stores text; `get` sends the stored text (or `-`) to the egress `test/out`.
enum KeyValue {
    static func address(_ id: String) -> Address { Address("test/kv", id: id) }

    static func function(_ value: ValueSpec<String>) -> Function<some FunctionBody> {
        Function("test/kv") {
            value
            Handle(String.self) { context, command in
                if command.hasPrefix("set:") {
                    try context.storage.set(value, String(command.dropFirst(4)))
                } else {
                    try context.send(Egress(id: "test/out").record(try context.storage.get(value) ?? "-"))
                }
            }
        }
    }
}

// MARK: - Crafted answers

/// Hands out prepared answers in order; when they run out, an empty result.
final class Answers: Sendable {
    private let queue: Mutex<[[UInt8]]>

    init(_ answers: [[UInt8]]) {
        queue = Mutex(answers)
    }

    func next() -> [UInt8] {
        queue.withLock { $0.isEmpty ? FromFunctionV3(response: .invocationResult(.init())).serialized() : $0.removeFirst() }
    }
}

/// An IncompleteInvocationContext listing `specs` (name, typename, mode, millis).
func missing(_ specs: (String, String, FromFunctionV3.ExpirationSpec.ExpireMode, Int64)...) -> [UInt8] {
    FromFunctionV3(
        response: .incompleteInvocationContext(
            .init(
                missingValues: specs.map {
                    .init(stateName: $0.0, expirationSpec: .init(mode: $0.2, expireAfterMillis: $0.3), typeTypename: $0.1)
                }))
    ).serialized()
}

/// An InvocationResponse with one MODIFY (or another mutation type).
func effects(mutationType: Int32 = 1, modify: (String, String, [UInt8])) -> [UInt8] {
    var mutation = FromFunctionV3.PersistedValueMutation(
        mutationType: .modify, stateName: modify.0, stateValue: TypedValue(typename: modify.1, hasValue: true, value: modify.2))
    mutation.mutationType = mutationType
    return FromFunctionV3(response: .invocationResult(.init(stateMutations: [mutation]))).serialized()
}
