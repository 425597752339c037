import StateFun
import Synchronization

/// Collects what a command writes, for the tests to read.
final class CapturedOutput: Sendable {
    private let text = Mutex((out: "", err: ""))

    var output: CommandOutput {
        CommandOutput(
            standardOutput: { chunk in self.text.withLock { $0.out += chunk } },
            standardError: { chunk in self.text.withLock { $0.err += chunk } })
    }

    var standardOutput: String { text.withLock { $0.out } }
    var standardError: String { text.withLock { $0.err } }
    var lines: [String] { standardOutput.split(separator: "\n").map(String.init) }
}
