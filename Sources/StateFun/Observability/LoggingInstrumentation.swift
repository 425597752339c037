#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The structured log as an ``Instrumentation``: turns batches and server events into ``LogRecord``s at or above
/// a level and hands them to a ``LogSink`` (Docs/Operations.md lists every event and its fields).
///
/// Limit hits go through a ``LogRateLimiter`` keyed by status, so a flood of refused requests logs a few lines
/// and then one per interval with the count of those held back.
public struct LoggingInstrumentation: Instrumentation {
    /// The least important level written.
    public let level: LogLevel
    /// Where records go.
    public let sink: any LogSink
    /// Holds back repeated limit-hit warnings.
    public let rateLimiter: LogRateLimiter
    private let now: @Sendable () -> Double

    /// Logs events at `level` and above to `sink`; `now` gives the wall time in seconds since 1970 (default: the
    /// system's; tests fix it).
    public init(
        level: LogLevel = .info, sink: any LogSink = StructuredLogWriter(), rateLimiter: LogRateLimiter = LogRateLimiter(),
        now: (@Sendable () -> Double)? = nil
    ) {
        self.level = level
        self.sink = sink
        self.rateLimiter = rateLimiter
        self.now = now ?? { Date().timeIntervalSince1970 }
    }

    /// Writes a record when `level` is enabled.
    func log(_ level: LogLevel, _ message: String, _ fields: [LogRecord.Field]) {
        guard level >= self.level else { return }
        sink.write(LogRecord(level: level, message: message, metadata: fields, time: now()))
    }

    /// The probe for `function`'s batches.
    public func probe(for function: TypeName) -> any FunctionProbe {
        Probe(log: self)
    }

    /// Logs start (info), limit hits (warning, rate-limited per status) and shutdown (info).
    public func serverEvent(_ event: ServerEvent) {
        switch event {
        case .started(let addresses, let version, let functions, let limits):
            var fields = [LogRecord.Field("address", addresses.joined(separator: ","))]
            if let version { fields.append(.init("protocol", version.description)) }
            fields.append(.init("functions", functions.map(\.description).joined(separator: ",")))
            for limit in limits { fields.append(.init(limit.name, limit.value)) }
            log(.info, "server started", fields)
        case .limitHit(let status, let limit, let peer):
            guard level <= .warning else { return }
            let (allowed, suppressed) = rateLimiter.admit(String(status))
            guard allowed else { return }
            var fields = [LogRecord.Field("status", String(status)), .init("limit", limit)]
            if let peer { fields.append(.init("peer", peer)) }
            if suppressed > 0 { fields.append(.init("suppressed", String(suppressed))) }
            log(.warning, "limit hit", fields)
        case .connectionOpened, .connectionClosed:
            break
        case .stopped(let uptime, let batches, let failed):
            log(
                .info, "server stopped",
                [.init("uptime_s", Self.seconds(uptime)), .init("batches", String(batches)),
                 .init("failed_batches", String(failed))])
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        let ms = s * 1000 + atto / 1_000_000_000_000_000
        return String(ms / 1000) + "." + String(1000 + ms % 1000).dropFirst()
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        let us = s * 1_000_000 + atto / 1_000_000_000_000
        return String(us / 1000) + "." + String(1000 + us % 1000).dropFirst()
    }

    private struct Probe: FunctionProbe {
        let log: LoggingInstrumentation

        func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
            for skipped in outcome.skippedInvocations {
                log.log(
                    .warning, skipped.action == .discard ? "invocation discarded" : "invocation dead-lettered",
                    Self.fields(batch, skipped))
            }
            switch outcome.status {
            case .failure:
                guard let failure = outcome.failure else { return }
                log.log(.error, "batch failed", Self.fields(batch, failure))
            case .incompleteContext:
                log.log(
                    .debug, "missing state",
                    [.init("function", batch.function.description), .init("id", batch.id),
                     .init("states", outcome.missingStates.joined(separator: ","))])
            case .success:
                guard log.level <= .debug else { return }
                log.log(
                    .debug, "batch done",
                    [.init("function", batch.function.description), .init("id", batch.id),
                     .init("invocations", String(batch.size)),
                     .init("duration_ms", LoggingInstrumentation.milliseconds(outcome.duration))])
            }
        }

        static func fields(_ batch: BatchEvent, _ failure: FailureReport) -> [LogRecord.Field] {
            var fields: [LogRecord.Field] = [
                .init("function", batch.function.description), .init("id", batch.id),
                .init("invocations", String(batch.size)), .init("invocation", String(failure.invocationIndex)),
                .init("message_type", failure.messageTypeName), .init("error", failure.error),
                .init("kind", failure.kind.rawValue), .init("policy", failure.action.name),
            ]
            if case .deadLetter(let egress) = failure.action { fields.append(.init("egress", egress.description)) }
            return fields
        }
    }
}
