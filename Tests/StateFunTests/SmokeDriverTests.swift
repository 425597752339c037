// Upstream's smoke end-to-end test run in-process: random command trees through the local runtime, then a
// verification of every instance's counter. Plus the proofs that the check can fail.

import StateFun
import StateFunSmoke
import Testing

@Suite struct SmokeDriverTests {
    /// The normal run: 100 instances, 10,000 source commands, every command kind including cancellations.
    static var standard: SmokeParameters {
        var parameters = SmokeParameters()
        parameters.instances = 100
        parameters.messages = 10_000
        parameters.seed = 0x5EED_2024
        return parameters
    }

    /// A smaller run for the negative tests.
    static var small: SmokeParameters {
        var parameters = SmokeParameters()
        parameters.instances = 20
        parameters.messages = 1_000
        parameters.seed = 7
        return parameters
    }

    @Test func theInterpreterPassesTheSmokeRun() async throws {
        let report = try await SmokeDriver().run(Self.standard)
        #expect(report.problems == [])
        #expect(report.passed)
        #expect(report.results.count == 100)
        #expect(Set(report.results.map(\.id)) == Set(0..<100))
        // The run exercised everything the issue asks for, at scale.
        let counts = report.counts
        #expect(counts.sourceCommands == 10_000)
        #expect(report.messages >= 10_000)
        #expect(counts.sends > 1_000)
        #expect(counts.delayedSends > 100)
        #expect(counts.cancelledSends > 100)
        #expect(counts.asyncOperations > 100)
        #expect(counts.failingAsyncOperations > 0 && counts.failingAsyncOperations < counts.asyncOperations)
        #expect(counts.discardRecords > 0 && report.discardRecords == counts.discardRecords)
        #expect(counts.untrackedIncrements == 0)
        // Cancelled subtrees held increments that must not (and did not) count.
        #expect(counts.cancelledIncrements > 100)
        #expect(report.expected.reduce(0, +) == Int64(counts.increments))
        #expect(report.failures.isEmpty)
    }

    @Test func aWrongInterpreterThatCountsOneInstanceTwiceFailsTheRun() async throws {
        let wrong = App { SmokeInterpreter { $0.id == "7" ? 2 : 1 } }
        let report = try await SmokeDriver().run(Self.small, app: wrong)
        #expect(!report.passed)
        #expect(report.expected[7] > 0)
        #expect(report.problems == [
            "instance 7 over-counted: actual \(report.expected[7] * 2), expected \(report.expected[7])"
        ])
    }

    @Test func anInterpreterThatIgnoresCancellationFailsTheRun() async throws {
        // Applies every command except cancel_send_after: cancelled delayed messages arrive and count.
        let ignoring = App {
            Function(SmokeE2E.functionType) {
                SmokeE2E.state
                Handle(SourceCommand.self) { context, source in
                    try await SmokeInterpreter().interpret(source.commands.map(Self.withoutCancellations), context)
                }
                Handle(Commands.self) { context, commands in
                    try await SmokeInterpreter().interpret(Self.withoutCancellations(commands), context)
                }
            }
        }
        let report = try await SmokeDriver().run(Self.small, app: ignoring)
        #expect(report.counts.cancelledSends > 0)
        #expect(!report.passed)
        #expect(report.problems.contains { $0.contains("over-counted") })
        #expect(!report.problems.contains { $0.contains("under-counted") })
    }

    @Test func anInterpreterThatLosesMessagesFailsTheRun() async throws {
        // Drops every message to instance 3 that came from another instance (sends and delayed sends).
        let lossy = App {
            Function(SmokeE2E.functionType) {
                SmokeE2E.state
                Handle(SourceCommand.self) { context, source in
                    try await SmokeInterpreter().interpret(source.commands, context)
                }
                Handle(Commands.self) { context, commands in
                    guard context.address.id != "3" else { return }
                    try await SmokeInterpreter().interpret(commands, context)
                }
            }
        }
        let report = try await SmokeDriver().run(Self.small, app: lossy)
        #expect(!report.passed)
        #expect(report.problems.contains { $0.hasPrefix("instance 3 under-counted") })
    }

    static func withoutCancellations(_ commands: Commands) -> Commands {
        Commands(commands.command.compactMap { command in
            switch command.kind {
            case .cancelSendAfter: return nil
            case .send(var send):
                send.commands = send.commands.map(withoutCancellations)
                return Command(.send(send))
            case .sendAfter(var send):
                send.commands = send.commands.map(withoutCancellations)
                return Command(.sendAfter(send))
            case .asyncOperation(var operation):
                operation.resolvedCommands = operation.resolvedCommands.map(withoutCancellations)
                return Command(.asyncOperation(operation))
            default: return command
            }
        })
    }

    // MARK: - The check itself

    @Test func theCheckWantsExactlyOneMatchingResultPerInstance() {
        let expected: [Int64] = [2, 0, 5]
        let good = [
            VerificationResult(id: 2, expected: 5, actual: 5), VerificationResult(id: 0, expected: 2, actual: 2),
            VerificationResult(id: 1, expected: 0, actual: 0),
        ]
        #expect(SmokeDriver.check(good, expected: expected) == [])
        #expect(SmokeDriver.check(Array(good.dropLast()), expected: expected) == [
            "instance 1 answered 0 verification(s), expected 1"
        ])
        #expect(SmokeDriver.check(good + [good[0]], expected: expected) == [
            "instance 2 answered 2 verification(s), expected 1"
        ])
        #expect(SmokeDriver.check([VerificationResult(id: 0, expected: 2, actual: 1)] + good.dropFirst(2) + [good[0]],
            expected: expected) == ["instance 0 under-counted: actual 1, expected 2"])
        #expect(SmokeDriver.check(good + [VerificationResult(id: 9, expected: 0, actual: 0)], expected: expected) == [
            "a result for unknown instance 9"
        ])
    }
}

@Suite struct SmokeGeneratorTests {
    @Test func theSameSeedGivesTheSameTrees() throws {
        var parameters = SmokeParameters()
        parameters.seed = 42
        var first = try SmokeCommandGenerator(parameters: parameters)
        var second = try SmokeCommandGenerator(parameters: parameters)
        let a = (0..<200).map { _ in first.next() }
        #expect(a == (0..<200).map { _ in second.next() })
        parameters.seed = 43
        var other = try SmokeCommandGenerator(parameters: parameters)
        #expect(a != (0..<200).map { _ in other.next() })
    }

    @Test func treesStayWithinTheParameters() throws {
        var parameters = SmokeParameters()
        parameters.instances = 13
        parameters.commandDepth = 4
        parameters.maxCommandsPerDepth = 3
        var generator = try SmokeCommandGenerator(parameters: parameters)
        var tokens: Set<String> = []
        for _ in 0..<2_000 {
            let source = generator.next()
            #expect((0..<13).contains(source.target))
            let depth = Self.check(try #require(source.commands), instances: 13, tokens: &tokens)
            #expect(depth <= 4)
        }
        #expect(tokens.count > 50)
    }

    /// Checks one level and returns the tree's depth: non-empty lists, targets in range, tokens unique, and every
    /// cancellation right after the send_after it cancels, with the same target.
    static func check(_ commands: Commands, instances: Int32, tokens: inout Set<String>) -> Int {
        let list = commands.command
        #expect(!list.isEmpty)
        var depth = 1
        for (index, command) in list.enumerated() {
            switch command.kind {
            case .send(let send):
                #expect((0..<instances).contains(send.target))
                depth = max(depth, 1 + check(send.commands ?? Commands(), instances: instances, tokens: &tokens))
            case .sendAfter(let send):
                #expect((0..<instances).contains(send.target))
                if !send.cancellationToken.isEmpty { #expect(tokens.insert(send.cancellationToken).inserted) }
                depth = max(depth, 1 + check(send.commands ?? Commands(), instances: instances, tokens: &tokens))
            case .cancelSendAfter(let cancel):
                guard index > 0, case .sendAfter(let send) = list[index - 1].kind else {
                    Issue.record("a cancellation not right after its send_after")
                    continue
                }
                #expect(send.cancellationToken == cancel.cancellationToken && send.target == cancel.target)
            case .asyncOperation(let operation):
                depth = max(depth, 1 + check(operation.resolvedCommands ?? Commands(), instances: instances, tokens: &tokens))
            case .increment, .sendEgress: break
            case .verify, nil: Issue.record("the generator never makes \(command)")
            }
        }
        return depth
    }

    @Test func invalidParametersAreAllReported() {
        var parameters = SmokeParameters()
        parameters.instances = 0
        parameters.commandDepth = 0
        parameters.sendPr = -1
        parameters.noopPr = .nan
        #expect(throws: SmokeError.self) { try SmokeCommandGenerator(parameters: parameters) }
        #expect(parameters.problems.count == 4)
    }
}

@Suite struct SmokeStateTrackerTests {
    @Test func countsIncrementsWhereTheyRun() {
        var tracker = SmokeStateTracker(instances: 4)
        tracker.apply(SourceCommand(target: 1, commands: Commands([
            .increment, .send(2, Commands([.increment, .send(3, Commands([.increment]))])),
            .asyncOperation(failure: true, Commands([.increment])), .sendEgress, .verify(99),
        ])))
        #expect(tracker.expected == [0, 2, 1, 1])
        #expect(tracker.counts.sends == 2 && tracker.counts.asyncOperations == 1 && tracker.counts.discardRecords == 1)
        #expect(tracker.counts.deliveries == 3)
    }

    @Test func aCancelledDelayedMessageDoesNotCount() {
        var tracker = SmokeStateTracker(instances: 3)
        tracker.apply(SourceCommand(target: 0, commands: Commands([
            .sendAfter(1, Commands([.increment, .sendEgress]), token: "a"), .cancelSendAfter(1, token: "a"),
            .sendAfter(2, Commands([.increment]), token: "b"),  // never cancelled: delivered
            .sendAfter(2, Commands([.increment])),  // no token: delivered
        ])))
        #expect(tracker.expected == [0, 0, 2])
        #expect(tracker.counts.cancelledSends == 1 && tracker.counts.delayedSends == 2)
        #expect(tracker.counts.cancelledIncrements == 1)
        #expect(tracker.counts.discardRecords == 0)
    }

    @Test func aCancellationBeforeTheMessageCancelsNothing() {
        var tracker = SmokeStateTracker(instances: 2)
        tracker.apply(SourceCommand(target: 0, commands: Commands([
            .cancelSendAfter(1, token: "a"), .sendAfter(1, Commands([.increment]), token: "a"),
        ])))
        #expect(tracker.expected == [0, 1])
    }

    @Test func incrementsOutsideTheInstancesAreCountedApart() {
        var tracker = SmokeStateTracker(instances: 2)
        tracker.apply(SourceCommand(target: 5, commands: Commands([.increment, .send(-1, Commands([.increment]))])))
        #expect(tracker.expected == [0, 0])
        #expect(tracker.counts.untrackedIncrements == 2)
    }
}
