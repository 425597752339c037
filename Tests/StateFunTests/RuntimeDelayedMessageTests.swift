import StateFun
import Testing
import StateFunProtocol

@Suite("Local runtime: delayed messages and cancellation")
struct RuntimeDelayedMessageTests {
    @Test func deliversADelayedMessageWhenItsTimeComes() async throws {
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        try runtime.send("schedule:90", to: Alarm.scheduler("u1"))
        await runtime.runUntilIdle()
        #expect(runtime.pendingDelayedMessageCount == 1)

        await runtime.advance(by: .seconds(89))
        #expect(runtime.egressRecords.isEmpty)
        await runtime.advance(by: .seconds(1))
        let ring = try #require(runtime.egressRecords.first)
        #expect(ring.text == "ring from test/scheduler/u1")  // the sender is the caller
        #expect(ring.time == .seconds(90))
        #expect(runtime.pendingDelayedMessageCount == 0)
    }

    @Test func deliversDelayedMessagesInTimeOrder() async throws {
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        try runtime.send("schedule:30:late", to: Alarm.scheduler("a"))
        try runtime.send("schedule:10:early", to: Alarm.scheduler("b"))
        try runtime.send("schedule:20:middle", to: Alarm.scheduler("c"))
        await runtime.advance(by: .seconds(60))
        #expect(runtime.egressRecords.map(\.time) == [.seconds(10), .seconds(20), .seconds(30)])
        #expect(
            runtime.egressRecords.compactMap(\.text) == [
                "ring from test/scheduler/b early", "ring from test/scheduler/c middle", "ring from test/scheduler/a late",
            ])
    }

    @Test func cancellationWithdrawsAPendingMessage() async throws {
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        try runtime.send("schedule:90", to: Alarm.scheduler("u1"))
        await runtime.advance(by: .seconds(30))
        try runtime.send("cancel", to: Alarm.scheduler("u1"))
        await runtime.runUntilIdle()
        #expect(runtime.pendingDelayedMessageCount == 0)
        await runtime.advance(by: .seconds(120))
        #expect(runtime.egressRecords.isEmpty)
        #expect(runtime.failures.isEmpty)
    }

    @Test func cancellingAnUnknownOrDeliveredTokenDoesNothing() async throws {
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        try runtime.send("cancel", to: Alarm.scheduler("u1"))
        try runtime.send("schedule:1", to: Alarm.scheduler("u1"))
        await runtime.advance(by: .seconds(2))
        try runtime.send("cancel", to: Alarm.scheduler("u1"))
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords.count == 1)
        #expect(runtime.failures.isEmpty)
        // The token is free again once its message was delivered.
        try runtime.send("schedule:1", to: Alarm.scheduler("u1"))
        await runtime.advance(by: .seconds(1))
        #expect(runtime.egressRecords.count == 2)
        #expect(runtime.failures.isEmpty)
    }

    @Test func aSecondPendingMessageWithTheSameTokenFailsItsBatch() async throws {
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        let sender = Alarm.scheduler("u1")
        try runtime.send("schedule:90", to: sender)
        await runtime.runUntilIdle()
        try runtime.send("schedule:50:second", to: sender)
        await runtime.runUntilIdle()

        #expect(runtime.failures.map(\.error) == [.duplicateCancellationToken(sender: sender, token: "alarm")])
        #expect(runtime.failures.first?.droppedMessages.map { try? $0.decode(String.self) } == ["schedule:50:second"])
        // None of the failed batch's effects were applied: no second timer, no state change.
        #expect(runtime.pendingDelayedMessageCount == 1)
        #expect(try runtime.state(Alarm.scheduled, of: sender) == 1)
        await runtime.advance(by: .seconds(90))
        #expect(runtime.egressRecords.count == 1)
    }

    @Test func tokensAreScopedByTheSendersIdOnly() async throws {
        // StateFun keys the token index by the sender's id: another function with the same id shares the scope,
        // the same function with another id does not.
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        try runtime.send("schedule:90", to: Alarm.scheduler("u1"))
        try runtime.send("schedule:90", to: Alarm.scheduler("u2"))
        await runtime.runUntilIdle()
        #expect(runtime.failures.isEmpty)
        try runtime.send("schedule:90", to: Address("test/other-scheduler", id: "u1"))
        await runtime.runUntilIdle()
        #expect(
            runtime.failures.map(\.error) == [
                .duplicateCancellationToken(sender: Address("test/other-scheduler", id: "u1"), token: "alarm")
            ])
        #expect(runtime.pendingDelayedMessageCount == 2)
    }

    @Test func rejectsANegativeDelayAndAnEmptyCancellationToken() async throws {
        func delayed(_ delayed: FromFunctionV3.DelayedInvocation) -> [UInt8] {
            FromFunctionV3(response: .invocationResult(.init(delayedInvocations: [delayed]))).serialized()
        }
        let target = Alarm.alarm("x")
        let negative = delayed(.init(delayInMs: -1, target: target, argument: TypedValue(typename: "a/b", hasValue: true)))
        let emptyToken = delayed(.init(isCancellationRequest: true, cancellationToken: ""))
        let answers = Answers([negative, emptyToken])
        let runtime = LocalRuntime(
            app: Alarm.app, clock: ManualClock(), transport: ScriptedTransport { _ throws(RuntimeError) in answers.next() })
        try runtime.send("a", to: Address("test/alarm", id: "1"))
        await runtime.runUntilIdle()
        try runtime.send("b", to: Address("test/alarm", id: "1"))
        await runtime.runUntilIdle()
        #expect(
            runtime.failures.map(\.error) == [
                .invalidDelayedMessage("the delay -1 ms is negative"),
                .invalidDelayedMessage("a cancellation request needs a cancellation token"),
            ])
        #expect(runtime.pendingDelayedMessageCount == 0)
    }

    @Test func aZeroDelayIsDeliveredAtOnce() async throws {
        let runtime = LocalRuntime(app: Alarm.app, clock: ManualClock())
        try runtime.send("schedule:0", to: Alarm.scheduler("u1"))
        await runtime.runUntilIdle()
        #expect(runtime.egressRecords.map(\.time) == [.zero])
    }
}

/// `test/scheduler` (and `test/other-scheduler`): `schedule:<seconds>[:<label>]` sends a delayed message with
/// token `alarm` to `test/alarm/<id>`, `cancel` cancels it; `test/alarm` sends "ring from <caller> <label>" to
/// the egress `test/out`.
enum Alarm {
    static let scheduled = ValueSpec<Int32>("scheduled")

    static func scheduler(_ id: String) -> Address { Address("test/scheduler", id: id) }
    static func alarm(_ id: String) -> Address { Address("test/alarm", id: id) }

    static func schedulerFunction(_ type: TypeName) -> Function<some FunctionBody> {
        Function(type) {
            scheduled
            Handle(String.self) { context, command in
                let parts = command.split(separator: ":").map(String.init)
                if parts[0] == "cancel" {
                    try context.cancelDelayedMessage("alarm")
                    return
                }
                let label = parts.count > 2 ? parts[2] : ""
                try context.send(
                    label, to: alarm(context.address.id), after: .seconds(Int(parts[1]) ?? 0),
                    cancellationToken: "alarm")
                try context.storage.set(scheduled, (try context.storage.get(scheduled) ?? 0) + 1)
            }
        }
    }

    static let app = App {
        schedulerFunction("test/scheduler")
        schedulerFunction("test/other-scheduler")
        Function("test/alarm") {
            Handle(String.self) { context, label in
                let caller = context.caller.map(\.description) ?? "nobody"
                try context.send(Egress(id: "test/out").record(label.isEmpty ? "ring from \(caller)" : "ring from \(caller) \(label)"))
            }
        }
    }
}
