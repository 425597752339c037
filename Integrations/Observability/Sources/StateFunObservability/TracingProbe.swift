import StateFun
import Synchronization
import Tracing

/// One function type's spans. The SDK calls begin and end of a batch (and of its invocations) as separate events
/// from the task running it, so open spans wait in a table keyed by the batch's sequence number (and the
/// invocation's index) until their end arrives.
final class TracingProbe: FunctionProbe {
    private let tracer: any Tracer
    private let function: String
    private let open = Mutex(OpenSpans())

    private struct OpenSpans {
        var batches: [UInt64: any Span] = [:]
        var invocations: [InvocationKey: any Span] = [:]
    }

    private struct InvocationKey: Hashable {
        let batch: UInt64
        let index: Int
    }

    init(tracer: any Tracer, function: TypeName) {
        self.tracer = tracer
        self.function = function.description
    }

    var observesInvocations: Bool { true }

    func batchBegan(_ batch: BatchEvent) {
        let span = tracer.startSpan("statefun.batch", context: ServiceContext.current ?? .topLevel, ofKind: .server)
        span.attributes["statefun.function"] = function
        span.attributes["statefun.id"] = batch.id
        span.attributes["statefun.batch.size"] = batch.size
        span.attributes["statefun.protocol"] = batch.protocolVersion.description
        open.withLock { $0.batches[batch.sequence] = span }
    }

    func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
        let (span, orphans) = open.withLock { spans in
            // Invocation spans of this batch still open (none, unless an invocation's end was never reported).
            let orphans = spans.invocations.keys.filter { $0.batch == batch.sequence }.compactMap {
                spans.invocations.removeValue(forKey: $0)
            }
            return (spans.batches.removeValue(forKey: batch.sequence), orphans)
        }
        for orphan in orphans { orphan.end() }
        guard let span else { return }
        span.attributes["statefun.batch.outcome"] = outcome.status.rawValue
        if !outcome.skippedInvocations.isEmpty {
            span.attributes["statefun.batch.skipped"] = outcome.skippedInvocations.count
        }
        if let failure = outcome.failure {
            Self.record(failure, on: span)
        } else if outcome.status == .incompleteContext {
            span.attributes["statefun.missing_states"] = outcome.missingStates.joined(separator: ",")
        }
        span.end()
    }

    func invocationBegan(_ invocation: InvocationEvent) {
        guard let batchSpan = open.withLock({ $0.batches[invocation.batchSequence] }) else { return }
        var context = batchSpan.context
        let continuesSender = invocation.metadata.contains { $0.key == MetadataEntry.traceparentKey }
        if !invocation.metadata.isEmpty {
            // The tracer's propagation reads its own keys (`traceparent` for W3C); when none is there, the context
            // keeps the batch span as the parent.
            tracer.extract(invocation.metadata, into: &context, using: MetadataExtractor())
        }
        let span = tracer.startSpan("statefun.invocation", context: context, ofKind: .consumer)
        if continuesSender { span.addLink(SpanLink(context: batchSpan.context, attributes: [:])) }
        span.attributes["statefun.function"] = function
        span.attributes["statefun.id"] = invocation.id
        span.attributes["statefun.invocation.index"] = invocation.index
        span.attributes["statefun.message.type"] = invocation.messageTypeName
        if let caller = invocation.caller { span.attributes["statefun.caller"] = caller.description }
        open.withLock {
            $0.invocations[InvocationKey(batch: invocation.batchSequence, index: invocation.index)] = span
        }
    }

    func invocationEnded(_ invocation: InvocationEvent, _ outcome: InvocationOutcome) {
        let key = InvocationKey(batch: invocation.batchSequence, index: invocation.index)
        guard let span = open.withLock({ $0.invocations.removeValue(forKey: key) }) else { return }
        if let failure = outcome.failure { Self.record(failure, on: span) }
        span.end()
    }

    private static func record(_ failure: FailureReport, on span: any Span) {
        span.attributes["statefun.failure.kind"] = failure.kind.rawValue
        span.attributes["statefun.failure.policy"] = failure.action.name
        span.attributes["statefun.invocation.index"] = failure.invocationIndex
        span.recordError(InvocationFailure(message: failure.error))
        span.setStatus(SpanStatus(code: .error, message: failure.error))
    }
}

/// A failure as the SDK reports it (its description), as an `Error` for `Span.recordError`.
struct InvocationFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
