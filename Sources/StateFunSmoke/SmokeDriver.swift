package import StateFun

/// Upstream's smoke test in one process: the driver sends random command trees to the interpreter instances
/// `0..<instances` through the embedded ``LocalRuntime`` (the real request-reply protocol, per-address batching,
/// the state handshake, delayed messages and cancellation on a ``ManualClock``), then asks every instance to verify
/// its counter, like upstream's `CommandFlinkSource`, and checks every ``VerificationResult`` as upstream's
/// `SmokeRunner` does, only stricter: every instance must answer exactly once, with `actual == expected`.
///
/// Source commands go out in chunks of ``chunkSize``; after each chunk the runtime runs until idle and the clock
/// moves 1 ms, so delayed messages of one chunk arrive interleaved with the next chunk's traffic. At the end the
/// clock moves until no delayed message is pending; then come the verifications.
package struct SmokeDriver: Sendable {
    /// The outcome of a run.
    package struct Report: Sendable {
        package var parameters: SmokeParameters
        /// What the tracked commands made happen (and so what the runtime must have done).
        package var counts: SmokeStateTracker.Counts
        /// The expected counter of each instance.
        package var expected: [Int64]
        /// The verification results the runtime captured, in arrival order.
        package var results: [VerificationResult]
        /// Records captured on the discard egress.
        package var discardRecords: Int
        /// Batches the runtime gave up on.
        package var failures: [RuntimeFailure]
        /// Every discrepancy found; empty when the run passed.
        package var problems: [String]
        /// Wall-clock time of the whole run (generation, delivery, verification).
        package var elapsed: Duration

        /// True when every instance verified and nothing else went wrong.
        package var passed: Bool { problems.isEmpty }

        /// Messages the interpreter instances received: source commands, sends, delivered delayed sends, and the
        /// verification commands.
        package var messages: Int { counts.deliveries + expected.count }

        /// ``messages`` per second of ``elapsed``.
        package var messagesPerSecond: Double {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return seconds > 0 ? Double(messages) / seconds : 0
        }
    }

    /// How many source commands go out before the runtime runs (and the clock moves 1 ms).
    package var chunkSize: Int = 100
    /// The most 1 ms clock steps the final drain takes before reporting messages still pending. Every chain of
    /// delayed messages is at most `commandDepth` long, so a correct run needs far fewer.
    package var maxDrainSteps: Int = 10_000

    /// Where the runtime reaches the interpreter over HTTP instead of in-process (e.g. `statefun-conformance
    /// smoke` in another process, or another SDK's interpreter); empty: the app's function, in-process.
    package var remoteEndpoints: [FunctionEndpoint] = []

    package init() {}

    /// Runs `parameters` against `app` (the correct interpreter by default).
    package func run(_ parameters: SmokeParameters, app: App = SmokeInterpreter.app()) async throws(SmokeError) -> Report {
        var generator = try SmokeCommandGenerator(parameters: parameters)
        var tracker = SmokeStateTracker(instances: parameters.instances)
        let clock = ManualClock()
        let runtime = LocalRuntime(app: app, protocolVersion: .v3, clock: clock, remoteEndpoints: remoteEndpoints)
        defer { runtime.shutDown() }
        let wall = ContinuousClock()
        let start = wall.now

        var sent = 0
        let chunk = max(1, chunkSize)
        do throws(RuntimeError) {
            while sent < parameters.messages {
                for _ in 0..<min(chunk, parameters.messages - sent) {
                    let command = generator.next()
                    tracker.apply(command)
                    try runtime.send(command, to: SmokeE2E.address(command.target))
                }
                sent += min(chunk, parameters.messages - sent)
                await runtime.advance(by: SmokeE2E.sendAfterDelay)
            }
        } catch {
            throw .runtimeFailed(error.description)
        }
        var problems: [String] = []
        var steps = 0
        while runtime.pendingDelayedMessageCount > 0, steps < maxDrainSteps {
            await runtime.advance(by: SmokeE2E.sendAfterDelay)
            steps += 1
        }
        if runtime.pendingDelayedMessageCount > 0 {
            problems.append("\(runtime.pendingDelayedMessageCount) delayed message(s) still pending after the drain")
        }

        // Verification, as CommandFlinkSource.verify does: one Verify per instance with the tracked count.
        let expected = tracker.expected
        do throws(RuntimeError) {
            for (id, count) in expected.enumerated() {
                let target = Int32(truncatingIfNeeded: id)
                try runtime.send(
                    SourceCommand(target: target, commands: Commands([.verify(count)])), to: SmokeE2E.address(target))
            }
        } catch {
            throw .runtimeFailed(error.description)
        }
        await runtime.runUntilIdle()
        let elapsed = wall.now - start

        var results: [VerificationResult] = []
        for record in runtime.egressRecords(egress: SmokeE2E.verificationEgress) {
            do {
                results.append(try record.value(as: VerificationResult.self))
            } catch {
                problems.append("a verification record does not decode: \(error)")
            }
        }
        problems += Self.check(results, expected: expected)
        let discards = runtime.egressRecords(egress: SmokeE2E.discardEgress).count
        if discards != tracker.counts.discardRecords {
            problems.append("\(discards) records on the discard egress, expected \(tracker.counts.discardRecords)")
        }
        let failures = runtime.failures
        for failure in failures.prefix(10) { problems.append("runtime failure: \(failure)") }
        if failures.count > 10 { problems.append("... \(failures.count - 10) more runtime failures") }
        return Report(
            parameters: parameters, counts: tracker.counts, expected: expected, results: results,
            discardRecords: discards, failures: failures, problems: problems, elapsed: elapsed)
    }

    /// Compares the results with the expected counts: exactly one result per instance, `actual == expected`.
    package static func check(_ results: [VerificationResult], expected: [Int64]) -> [String] {
        var problems: [String] = []
        var seen = Array(repeating: 0, count: expected.count)
        for result in results {
            let id = Int(result.id)
            guard id >= 0, id < expected.count else {
                problems.append("a result for unknown instance \(result.id)")
                continue
            }
            seen[id] += 1
            if result.expected != expected[id] {
                problems.append("instance \(id) was asked to verify \(result.expected), the driver expects \(expected[id])")
            }
            if result.actual != expected[id] {
                let kind = result.actual > expected[id] ? "over-counted" : "under-counted"
                problems.append("instance \(id) \(kind): actual \(result.actual), expected \(expected[id])")
            }
        }
        for (id, count) in seen.enumerated() where count != 1 {
            problems.append("instance \(id) answered \(count) verification(s), expected 1")
        }
        return problems
    }
}
