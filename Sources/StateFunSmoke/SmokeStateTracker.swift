/// The driver's model of the counters, like upstream's `FunctionStateTracker`: walks every source command's
/// tree and adds the increments that will run at each instance.
///
/// `send` subtrees count at their target, `async_operation` subtrees at the current instance (success or
/// failure), `send_after` subtrees at their target unless a `cancel_send_after` with the same token follows in
/// the same command list (what ``SmokeCommandGenerator`` emits for a cancelled message; see there why that is
/// exact). It also counts what the run will do, so a test can check the run exercised every command kind.
package struct SmokeStateTracker: Sendable {
    /// How many of each thing the tracked commands will make happen.
    package struct Counts: Sendable, Hashable {
        /// Source commands applied (each is one message from the ingress).
        package var sourceCommands = 0
        package var increments = 0
        package var sends = 0
        /// `send_after`s that will be delivered.
        package var delayedSends = 0
        /// `send_after`s that will be cancelled before delivery.
        package var cancelledSends = 0
        /// Increments inside cancelled subtrees: they must not count, so a lost cancellation shows as over-counting.
        package var cancelledIncrements = 0
        package var asyncOperations = 0
        package var failingAsyncOperations = 0
        package var discardRecords = 0
        /// Increments at an instance outside `0..<instances`, which no verification covers.
        package var untrackedIncrements = 0

        /// Messages the interpreter instances will receive: source commands, sends and delivered delayed sends.
        package var deliveries: Int { sourceCommands + sends + delayedSends }
    }

    /// The expected counter of each instance `0..<instances`.
    package private(set) var expected: [Int64]
    package private(set) var counts = Counts()

    package init(instances: Int) {
        expected = Array(repeating: 0, count: max(0, instances))
    }

    /// Adds the effects of `source`.
    package mutating func apply(_ source: SourceCommand) {
        counts.sourceCommands += 1
        apply(at: source.target, source.commands)
    }

    private mutating func apply(at instance: Int32, _ commands: Commands?) {
        guard let commands else { return }
        let list = commands.command
        for (index, command) in list.enumerated() {
            switch command.kind {
            case nil, .verify, .cancelSendAfter:
                continue
            case .increment:
                if instance >= 0, Int(instance) < expected.count {
                    expected[Int(instance)] += 1
                } else {
                    counts.untrackedIncrements += 1
                }
                counts.increments += 1
            case .sendEgress:
                counts.discardRecords += 1
            case .send(let send):
                counts.sends += 1
                apply(at: send.target, send.commands)
            case .sendAfter(let send):
                if Self.isCancelled(send.cancellationToken, after: index, in: list) {
                    counts.cancelledSends += 1
                    counts.cancelledIncrements += Self.increments(in: send.commands)
                } else {
                    counts.delayedSends += 1
                    apply(at: send.target, send.commands)
                }
            case .asyncOperation(let operation):
                counts.asyncOperations += 1
                if operation.failure { counts.failingAsyncOperations += 1 }
                apply(at: instance, operation.resolvedCommands)
            }
        }
    }

    /// Every `increment` in a tree, wherever it would run.
    private static func increments(in commands: Commands?) -> Int {
        guard let commands else { return 0 }
        var total = 0
        for command in commands.command {
            switch command.kind {
            case .increment: total += 1
            case .send(let send): total += increments(in: send.commands)
            case .sendAfter(let send): total += increments(in: send.commands)
            case .asyncOperation(let operation): total += increments(in: operation.resolvedCommands)
            case nil, .sendEgress, .verify, .cancelSendAfter: break
            }
        }
        return total
    }

    private static func isCancelled(_ token: String, after index: Int, in list: [Command]) -> Bool {
        guard !token.isEmpty else { return false }
        for command in list[(index + 1)...] {
            if case .cancelSendAfter(let cancel) = command.kind, cancel.cancellationToken == token { return true }
        }
        return false
    }
}
