public import StateFun

// Conveniences for whole-app tests with Swift Testing: a runtime on a manual clock and `#expect`-friendly,
// non-throwing accessors.

extension LocalRuntime {
    /// A runtime for tests: the app's functions in-process (plus any remote endpoints), on a `ManualClock` at
    /// zero, so delays, expiration and retries are driven by `advance(by:)` without real waiting.
    public static func forTesting(
        app: App, protocolVersion: ProtocolVersion = .v3, remoteEndpoints: [FunctionEndpoint] = []
    ) -> LocalRuntime {
        LocalRuntime(app: app, protocolVersion: protocolVersion, clock: ManualClock(), remoteEndpoints: remoteEndpoints)
    }

    /// Sends `value` to `target` with no caller and processes everything that follows until idle.
    public func sendAndWait(_ value: some StateFunType, to target: Address) async throws(RuntimeError) {
        try send(value, to: target)
        await runUntilIdle()
    }

    /// Ingests a record (see `ingest(topic:key:_:)`) and processes everything that follows until idle.
    public func ingestAndWait<V: StateFunType>(topic: String, key: String, _ value: V) async throws(RuntimeError) {
        try ingest(topic: topic, key: key, value)
        await runUntilIdle()
    }

    /// The texts of the records captured for a Kafka topic or Kinesis stream (see `CapturedEgressRecord/text`).
    public func egressTexts(topic: String) -> [String?] {
        egressRecords(topic: topic).map(\.text)
    }

    /// The texts of the records captured for `egress`.
    public func egressTexts(egress: TypeName) -> [String?] {
        egressRecords(egress: egress).map(\.text)
    }

    /// The value of `spec` at `address`; `nil` when it has none, it expired, or it does not decode as `V`.
    public func value<V: StateFunType>(_ spec: ValueSpec<V>, of address: Address) -> V? {
        try? state(spec, of: address)
    }

    /// Throws a `RuntimeFailures` listing every failure so far, if there is any: `try runtime.checkNoFailures()`.
    /// A batch waiting for a retry counts as failed too: on a manual clock `runUntilIdle()` returns while it waits.
    public func checkNoFailures() throws(RuntimeFailures) {
        let failures = self.failures
        let waiting = awaitingRetry
        if !failures.isEmpty || !waiting.isEmpty { throw RuntimeFailures(failures: failures, awaitingRetry: waiting) }
    }
}

/// The failures a `LocalRuntime` reported, as one error for a test to throw.
public struct RuntimeFailures: Error, Sendable, CustomStringConvertible {
    /// The failures, in order.
    public let failures: [RuntimeFailure]
    /// The batches waiting for a retry, each with its last attempt's failure.
    public let awaitingRetry: [RuntimeFailure]

    /// Lists `failures` and the batches `awaitingRetry`.
    public init(failures: [RuntimeFailure], awaitingRetry: [RuntimeFailure] = []) {
        self.failures = failures
        self.awaitingRetry = awaitingRetry
    }

    /// A readable form, for logs and error messages.
    public var description: String {
        var lines: [String] = []
        if !failures.isEmpty || awaitingRetry.isEmpty {
            lines.append("\(failures.count) batch\(failures.count == 1 ? "" : "es") failed:")
            lines += failures.map { "  \($0)" }
        }
        if !awaitingRetry.isEmpty {
            lines.append("\(awaitingRetry.count) batch\(awaitingRetry.count == 1 ? "" : "es") waiting for a retry:")
            lines += awaitingRetry.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
