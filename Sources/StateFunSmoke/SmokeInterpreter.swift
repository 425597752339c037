package import StateFun

/// The command interpreter of upstream's smoke end-to-end test, as a reusable app component: the function
/// `statefun.smoke.e2e/command-interpreter-fn` with one state, `state` (a long counter).
///
/// It accepts a ``SourceCommand`` (from the driver's ingress) or ``Commands`` (from another instance); any other
/// message fails the batch with an error naming its type. Commands run in order:
///
/// | command | effect |
/// |---|---|
/// | `increment` | `state + 1` |
/// | `send` | the commands to the instance whose id is `target` in decimal |
/// | `send_after` | the same after 1 ms, carrying `cancellation_token` when it is not empty |
/// | `cancel_send_after` | cancels the pending delayed message with that token (sent by this instance) |
/// | `send_egress` | the string `discarded-message` to `statefun.smoke.e2e/discard-sink` |
/// | `verify` | `VerificationResult{id, expected, actual: state or 0}` to `statefun.smoke.e2e/verification-sink` |
/// | `async_operation` | awaits an asynchronous operation (failing when `failure` is set), then applies `resolved_commands` |
///
/// `async_operation` follows upstream's embedded interpreter, the only one that implements it: the resolved
/// commands are applied whether the operation succeeded or failed, and the driver's `FunctionStateTracker`
/// counts them either way, so a failure must not fail the batch (a failed batch is retried by the runtime until
/// its call timeout, and then the job fails).
package struct SmokeInterpreter: AppComponent {
    /// How much one `increment` adds at an address: always 1 for the real interpreter. A deliberately wrong
    /// interpreter (to prove the driver's check can fail) counts differently somewhere.
    package var incrementAmount: @Sendable (Address) -> Int64

    /// The interpreter as upstream specifies it.
    package init() {
        self.incrementAmount = { _ in 1 }
    }

    /// An interpreter whose `increment` adds `incrementAmount(address)`; for tests of the driver only.
    package init(incrementAmount: @escaping @Sendable (Address) -> Int64) {
        self.incrementAmount = incrementAmount
    }

    /// The endpoint URL of upstream's harness module.yaml
    /// (`statefun-smoke-e2e-multilang-harness/src/test/resources/module.yaml`).
    package static let harnessURL = "http://localhost:8000"
    /// The harness module.yaml's `maxNumBatchRequests`.
    package static let harnessMaxBatchSize = 10_000

    /// An app with the interpreter and the endpoint upstream's harness declares for it: functions
    /// `statefun.smoke.e2e/command-interpreter-fn` at `url` (path `/`, which the app's HTTP router then serves
    /// besides `/statefun`), at most 10,000 messages per batch. Ready for
    /// ``App/requestReplyHandler(protocolVersion:limits:)``, the built-in HTTP server or the local runtime.
    package static func app(url: String = harnessURL) -> App {
        App {
            SmokeInterpreter()
            Endpoint(functions: .function(SmokeE2E.functionType), urlPathTemplate: url, maxNumBatchRequests: harnessMaxBatchSize)
        }
    }

    package var body: [any AppComponent] {
        Function(SmokeE2E.functionType) {
            SmokeE2E.state
            Handle(SourceCommand.self) { context, source in try await interpret(source.commands, context) }
            Handle(Commands.self) { context, commands in try await interpret(commands, context) }
        }
    }

    /// Applies `commands` in order against `context`; `nil` (an absent `Commands` field) applies nothing.
    package func interpret(_ commands: Commands?, _ context: Context) async throws {
        guard let commands else { return }
        for command in commands.command {
            switch command.kind {
            case nil:
                continue
            case .increment:
                let step = incrementAmount(context.address)
                try context.storage.update(SmokeE2E.state) { $0 = ($0 ?? 0) &+ step }
            case .send(let send):
                try context.send(send.commands ?? Commands(), to: SmokeE2E.address(send.target))
            case .sendAfter(let send):
                try context.send(
                    send.commands ?? Commands(), to: SmokeE2E.address(send.target), after: SmokeE2E.sendAfterDelay,
                    cancellationToken: send.cancellationToken.isEmpty ? nil : send.cancellationToken)
            case .cancelSendAfter(let cancel):
                try context.cancelDelayedMessage(cancel.cancellationToken)
            case .sendEgress:
                try context.send(Egress(id: SmokeE2E.discardEgress).record(SmokeE2E.discardedMessage))
            case .verify(let verify):
                guard let id = Int32(context.address.id) else { throw SmokeError.nonNumericID(context.address.id) }
                let actual = try context.storage.get(SmokeE2E.state) ?? 0
                try context.send(
                    Egress(id: SmokeE2E.verificationEgress).record(
                        VerificationResult(id: id, expected: verify.expected, actual: actual)))
            case .asyncOperation(let operation):
                // The outcome does not matter: upstream applies the resolved commands after success and failure.
                _ = await Self.runAsyncOperation(failing: operation.failure)
                try await interpret(operation.resolvedCommands, context)
            }
        }
    }

    /// A genuinely asynchronous operation: it runs as its own task, off the handler's, and fails when asked to.
    static func runAsyncOperation(failing: Bool) async -> Result<Void, any Error> {
        await Task.detached {
            await Task.yield()
            if failing { throw SmokeError.asyncOperationFailed }
        }.result
    }
}
