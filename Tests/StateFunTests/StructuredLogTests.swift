#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization
@testable import StateFun
import Testing

/// The structured log: line formats, levels, the rate limiter and the events the logging instrumentation writes.
@Suite struct StructuredLogTests {
    static let time = 1_796_433_367.123  // 2026-12-05T01:16:07.123Z

    @Test func timestampsAreRFC3339InUTCWithMilliseconds() {
        #expect(LogTimestamp.rfc3339(0) == "1970-01-01T00:00:00.000Z")
        #expect(LogTimestamp.rfc3339(951_782_400) == "2000-02-29T00:00:00.000Z")
        #expect(LogTimestamp.rfc3339(-1) == "1969-12-31T23:59:59.000Z")
        #expect(LogTimestamp.rfc3339(Self.time) == "2026-12-05T01:16:07.123Z")
    }

    @Test func logfmtQuotesOnlyValuesThatNeedIt() {
        let record = LogRecord(
            level: .error, message: "batch failed",
            metadata: [.init("function", "example/greeter"), .init("id", ""), .init("error", "say \"hi\"\nthen=go")],
            time: Self.time)
        #expect(
            StructuredLogWriter.line(record, format: .logfmt)
                == "time=2026-12-05T01:16:07.123Z level=error msg=\"batch failed\" function=example/greeter id=\"\" "
                + "error=\"say \\\"hi\\\"\\nthen=go\"\n")
    }

    @Test func jsonLinesAreOneParsableObjectPerRecord() throws {
        let record = LogRecord(
            level: .warning, message: "limit hit", metadata: [.init("peer", "a\u{1}b\\c")], time: Self.time)
        let line = StructuredLogWriter.line(record, format: .json)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
        #expect(object == ["time": "2026-12-05T01:16:07.123Z", "level": "warning", "msg": "limit hit", "peer": "a\u{1}b\\c"])
    }

    @Test func levelsParseByNameAndOrderByImportance() {
        #expect(LogLevel(parsing: "DEBUG") == .debug)
        #expect(LogLevel(parsing: "warn") == .warning)
        #expect(LogLevel(parsing: "loud") == nil)
        #expect(LogLevel.debug < .info && LogLevel.warning < .error)
    }

    @Test func rateLimiterLetsABurstThroughThenOnePerIntervalAndCountsTheRest() {
        let clock = Mutex(Duration.zero)
        let limiter = LogRateLimiter(burst: 3, interval: .seconds(10), now: { clock.withLock { $0 } })
        let first = (0..<6).map { _ in limiter.admit("413").allowed }
        #expect(first == [true, true, true, false, false, false])
        #expect(limiter.admit("431").allowed)  // keys are independent
        clock.withLock { $0 = .seconds(10) }
        let next = limiter.admit("413")
        #expect(next.allowed && next.suppressed == 3)
        #expect(!limiter.admit("413").allowed)
    }

    /// Collects records in memory.
    final class Collected: LogSink {
        let records = Mutex<[LogRecord]>([])
        func write(_ record: LogRecord) { records.withLock { $0.append(record) } }
        var all: [LogRecord] { records.withLock { $0 } }
    }

    static let batch = BatchEvent(
        sequence: 1, function: "example/greeter", id: "ann", size: 3, protocolVersion: .v3, requestBytes: 120)

    @Test func aFailedBatchLogsOneErrorNamingFunctionIdInvocationAndError() {
        let sink = Collected()
        let log = LoggingInstrumentation(level: .info, sink: sink, now: { Self.time })
        let probe = log.probe(for: "example/greeter")
        probe.batchBegan(Self.batch)
        let failure = FailureReport(
            invocationIndex: 1, messageTypeName: "example/Poison", error: "no handler", kind: .permanent, action: .retry)
        probe.batchEnded(Self.batch, BatchOutcome(status: .failure, duration: .milliseconds(2), failure: failure))
        probe.batchEnded(Self.batch, BatchOutcome(status: .success, duration: .milliseconds(1)))  // info: not logged
        let records = sink.all
        #expect(records.count == 1)
        #expect(records.first?.level == .error)
        #expect(records.first?.message == "batch failed")
        #expect(
            records.first?.metadata.map(\.key)
                == ["function", "id", "invocations", "invocation", "message_type", "error", "kind", "policy"])
        #expect(records.first?["id"] == "ann")
        #expect(records.first?["invocation"] == "1")
        #expect(records.first?["kind"] == "permanent")
    }

    @Test func debugLevelAddsMissingStateAndBatchLines() {
        let sink = Collected()
        let probe = LoggingInstrumentation(level: .debug, sink: sink, now: { Self.time }).probe(for: "example/greeter")
        probe.batchEnded(Self.batch, BatchOutcome(status: .incompleteContext, duration: .zero, missingStates: ["a", "b"]))
        probe.batchEnded(Self.batch, BatchOutcome(status: .success, duration: .microseconds(1500)))
        #expect(sink.all.map(\.message) == ["missing state", "batch done"])
        #expect(sink.all.first?["states"] == "a,b")
        #expect(sink.all.last?["duration_ms"] == "1.500")
    }

    @Test func skippedInvocationsLogAWarningEach() {
        let sink = Collected()
        let probe = LoggingInstrumentation(sink: sink, now: { Self.time }).probe(for: "example/greeter")
        let skipped = FailureReport(
            invocationIndex: 1, messageTypeName: "example/Poison", error: "bad", kind: .permanent,
            action: .deadLetter(egress: "example/dlq"))
        probe.batchEnded(Self.batch, BatchOutcome(status: .success, duration: .zero, skippedInvocations: [skipped]))
        #expect(sink.all.map(\.message) == ["invocation dead-lettered"])
        #expect(sink.all.first?["egress"] == "example/dlq")
        #expect(sink.all.first?["policy"] == "dead_letter")
    }

    @Test func limitHitsAreRateLimitedPerStatus() {
        let sink = Collected()
        let clock = Mutex(Duration.zero)
        let log = LoggingInstrumentation(
            sink: sink, rateLimiter: LogRateLimiter(burst: 2, interval: .seconds(1), now: { clock.withLock { $0 } }),
            now: { Self.time })
        for _ in 0..<100 { log.serverEvent(.limitHit(status: 413, limit: "max_body_bytes", peer: nil)) }
        clock.withLock { $0 = .seconds(1) }
        log.serverEvent(.limitHit(status: 413, limit: "max_body_bytes", peer: "127.0.0.1:5000"))
        #expect(sink.all.count == 3)
        #expect(sink.all.last?["suppressed"] == "98")
        #expect(sink.all.last?["peer"] == "127.0.0.1:5000")
    }

    @Test func startAndStopAreLoggedAtInfo() {
        let sink = Collected()
        let log = LoggingInstrumentation(sink: sink, now: { Self.time })
        log.serverEvent(
            .started(
                addresses: ["127.0.0.1:8000"], protocolVersion: .v3, functions: ["example/greeter"],
                limits: [("max_body_bytes", "4194304")]))
        log.serverEvent(.stopped(uptime: .milliseconds(61_250), batches: 7, failedBatches: 1))
        #expect(sink.all.map(\.message) == ["server started", "server stopped"])
        #expect(sink.all.first?["max_body_bytes"] == "4194304")
        #expect(sink.all.last?["uptime_s"] == "61.250")
        #expect(sink.all.last?["failed_batches"] == "1")
    }

    @Test func theWriterWritesWholeLinesToItsOutput() {
        let lines = Mutex<[String]>([])
        let writer = StructuredLogWriter(format: .logfmt) { line in lines.withLock { $0.append(line) } }
        writer.write(LogRecord(level: .info, message: "x", time: 0))
        #expect(lines.withLock { $0 } == ["time=1970-01-01T00:00:00.000Z level=info msg=x\n"])
    }
}
