/// Random command trees for the interpreter, like upstream's `CommandGenerator`, reproducible from a seed.
///
/// A tree's depth is drawn from `0..<commandDepth`; every level draws `0..<maxCommandsPerDepth` commands by the
/// relative weights of ``SmokeParameters`` (a level that drew none gets one `increment`, and depth 0 is always
/// one `increment`), so every `send`, `send_after` and `async_operation` carries a non-empty subtree. Targets are
/// drawn from `0..<instances`.
///
/// Cancellation is generated so that the expected counts stay exact: a cancelled `send_after` gets a token unique
/// to this generator and is followed, in the same command list, by the `cancel_send_after` of that token. Both
/// leave the interpreter in one response, and the runtime keys tokens by the sender's id (protocol.md §4), so the
/// cancellation always finds the message still pending and its subtree never runs. Upstream sends an *empty*
/// cancellable message, which keeps the counts exact but cannot notice a cancellation that failed; ours carries a
/// subtree with increments, so a lost cancellation over-counts. Half of the uncancelled `send_after`s carry a token
/// too, which must not keep them from being delivered.
package struct SmokeCommandGenerator: Sendable {
    private enum Kind: Sendable {
        case increment, send, sendAfter, sendAfterCancelled, asyncOperation, noop, sendEgress
    }

    package let parameters: SmokeParameters
    private var random: SmokeRandom
    private let kinds: [Kind]
    private let cumulativeWeights: [Double]
    private var tokens: UInt64 = 0

    /// A generator for `parameters`; throws when they are invalid.
    package init(parameters: SmokeParameters) throws(SmokeError) {
        try parameters.validate()
        self.parameters = parameters
        self.random = SmokeRandom(seed: parameters.seed)
        var weighted: [(Kind, Double)] = [
            (.increment, parameters.stateModificationPr), (.send, parameters.sendPr),
            (.sendAfter, parameters.sendAfterPr), (.noop, parameters.noopPr), (.sendEgress, parameters.sendEgressPr),
        ]
        if parameters.isAsyncOpSupported { weighted.append((.asyncOperation, parameters.asyncSendPr)) }
        if parameters.isDelayCancellationOpSupported {
            weighted.append((.sendAfterCancelled, parameters.sendAfterWithCancellationPr))
        }
        weighted.removeAll { $0.1 <= 0 }
        if weighted.isEmpty { weighted = [(.increment, 1)] }
        var total = 0.0
        var cumulative: [Double] = []
        for (_, weight) in weighted {
            total += weight
            cumulative.append(total)
        }
        self.kinds = weighted.map(\.0)
        self.cumulativeWeights = cumulative
    }

    /// The next source command.
    package mutating func next() -> SourceCommand {
        let depth = Int.random(in: 0..<parameters.commandDepth, using: &random)
        return SourceCommand(target: address(), commands: commands(depth: depth))
    }

    private mutating func address() -> Int32 {
        Int32(truncatingIfNeeded: Int.random(in: 0..<parameters.instances, using: &random))
    }

    private mutating func sample() -> Kind {
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        let x = Double.random(in: 0..<total, using: &random)
        for (index, bound) in cumulativeWeights.enumerated() where x < bound { return kinds[index] }
        return kinds[kinds.count - 1]
    }

    private mutating func token() -> String {
        tokens += 1
        return "smoke-\(parameters.seed)-\(tokens)"
    }

    private mutating func commands(depth: Int) -> Commands {
        guard depth > 0 else { return Commands([.increment]) }
        var list: [Command] = []
        let count = Int.random(in: 0..<parameters.maxCommandsPerDepth, using: &random)
        for _ in 0..<count {
            switch sample() {
            case .increment:
                list.append(.increment)
            case .send:
                list.append(.send(address(), commands(depth: depth - 1)))
            case .sendAfter:
                let target = address()
                let withToken = Bool.random(using: &random)
                list.append(.sendAfter(target, commands(depth: depth - 1), token: withToken ? token() : ""))
            case .sendAfterCancelled:
                let target = address()
                let token = token()
                list.append(.sendAfter(target, commands(depth: depth - 1), token: token))
                list.append(.cancelSendAfter(target, token: token))
            case .asyncOperation:
                let failure = Bool.random(using: &random)
                list.append(.asyncOperation(failure: failure, commands(depth: depth - 1)))
            case .noop:
                break
            case .sendEgress:
                list.append(.sendEgress)
            }
        }
        if list.isEmpty { list.append(.increment) }
        return Commands(list)
    }
}
