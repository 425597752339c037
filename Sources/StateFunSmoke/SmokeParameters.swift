/// The knobs of a smoke run, named after upstream's `SmokeRunnerParameters` (whose defaults are in comments
/// where ours differ: upstream runs for minutes on a Flink cluster, ours must also fit a unit test).
package struct SmokeParameters: Sendable, Hashable {
    /// Interpreter instances, ids `0..<instances` (upstream 1,000; its harness uses 128).
    package var instances: Int = 100
    /// Source commands the driver sends before verifying (upstream `messageCount`, 100,000).
    package var messages: Int = 1_000
    /// A source command's tree depth is drawn from `0..<commandDepth` (upstream 10).
    package var commandDepth: Int = 5
    /// Each level draws `0..<maxCommandsPerDepth` commands (an empty level becomes one `increment`), as upstream.
    package var maxCommandsPerDepth: Int = 3
    /// Relative weight of `increment`.
    package var stateModificationPr: Double = 0.4
    /// Relative weight of `send`.
    package var sendPr: Double = 0.9
    /// Relative weight of `send_after` (without cancellation; half of them carry a token that is never cancelled).
    package var sendAfterPr: Double = 0.1
    /// Relative weight of a cancelled `send_after`: the delayed message (with commands of its own) is followed at
    /// once by a `cancel_send_after` of its unique token, so none of its commands may count.
    package var sendAfterWithCancellationPr: Double = 0.1
    /// Relative weight of `async_operation` (failure drawn at random, resolved commands counted either way).
    package var asyncSendPr: Double = 0.1
    /// Relative weight of drawing nothing.
    package var noopPr: Double = 0.2
    /// Relative weight of `send_egress`.
    package var sendEgressPr: Double = 0.03
    /// Whether `async_operation` is generated (upstream `isAsyncOpSupported`, off by default there).
    package var isAsyncOpSupported: Bool = true
    /// Whether cancelled `send_after`s are generated (upstream `isDelayCancellationOpSupported`, off by default).
    package var isDelayCancellationOpSupported: Bool = true
    /// The generator's seed.
    package var seed: UInt64 = 1

    /// Upper limits that keep a run finite and its expected counts exact in `Int64`.
    package static let maxInstances = 1 << 20
    package static let maxMessages = 100_000_000
    /// Each tree level nests three protobuf messages (`Commands` > `Command` > `Send`); 30 levels stay below the
    /// 100-level nesting limit of our reader and of protobuf-java.
    package static let maxCommandDepth = 30
    package static let maxCommandsPerDepthLimit = 16

    package init() {}

    /// Every problem with these parameters (empty when they are usable).
    package var problems: [String] {
        var problems: [String] = []
        if instances < 1 || instances > Self.maxInstances {
            problems.append("instances must be in 1...\(Self.maxInstances), not \(instances)")
        }
        if messages < 0 || messages > Self.maxMessages {
            problems.append("messages must be in 0...\(Self.maxMessages), not \(messages)")
        }
        if commandDepth < 1 || commandDepth > Self.maxCommandDepth {
            problems.append("commandDepth must be in 1...\(Self.maxCommandDepth), not \(commandDepth)")
        }
        if maxCommandsPerDepth < 1 || maxCommandsPerDepth > Self.maxCommandsPerDepthLimit {
            problems.append(
                "maxCommandsPerDepth must be in 1...\(Self.maxCommandsPerDepthLimit), not \(maxCommandsPerDepth)")
        }
        let weights: [(String, Double)] = [
            ("stateModificationPr", stateModificationPr), ("sendPr", sendPr), ("sendAfterPr", sendAfterPr),
            ("sendAfterWithCancellationPr", sendAfterWithCancellationPr), ("asyncSendPr", asyncSendPr),
            ("noopPr", noopPr), ("sendEgressPr", sendEgressPr),
        ]
        for (name, weight) in weights where !(weight.isFinite && weight >= 0) {
            problems.append("\(name) must be a finite weight >= 0, not \(weight)")
        }
        if problems.isEmpty, weights.allSatisfy({ $0.1 == 0 }) {
            problems.append("at least one command weight must be positive")
        }
        return problems
    }

    /// Throws ``SmokeError/invalidParameters(_:)`` listing every problem.
    package func validate() throws(SmokeError) {
        let problems = self.problems
        if !problems.isEmpty { throw .invalidParameters(problems) }
    }
}
