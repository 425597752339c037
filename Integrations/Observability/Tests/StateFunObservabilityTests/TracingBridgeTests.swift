import InMemoryTracing
import StateFun
import StateFunObservability
import Testing
import Tracing

@Suite struct TracingBridgeTests {
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let parentID = "00f067aa0ba902b7"

    @Test func aBatchHasASpanAndEachInvocationAChildSpan() async throws {
        let tracer = W3CTestTracer()
        let runtime = ObservedApp.runtime(TracingInstrumentation(tracer: tracer))
        defer { runtime.shutDown() }
        try runtime.send("ann", to: Address(ObservedApp.function, id: "a"))
        await runtime.runUntilIdle()

        let spans = tracer.ranSpans
        let batch = try #require(spans.first { $0.operationName == "statefun.batch" }, "\(spans.map(\.operationName))")
        let invocations = spans.filter { $0.operationName == "statefun.invocation" }
        #expect(spans.count == 2 && invocations.count == 1)
        #expect(batch.kind == .server && batch.parentSpanID == nil)
        #expect(batch.attributes["statefun.function"]?.toSpanAttribute() == "test/echo")
        #expect(batch.attributes["statefun.id"]?.toSpanAttribute() == "a")
        #expect(batch.attributes["statefun.batch.size"]?.toSpanAttribute() == 1)
        #expect(batch.attributes["statefun.batch.outcome"]?.toSpanAttribute() == "success")
        let invocation = try #require(invocations.first)
        #expect(invocation.kind == .consumer)
        #expect(invocation.traceID == batch.traceID && invocation.parentSpanID == batch.spanID)
        #expect(invocation.attributes["statefun.invocation.index"]?.toSpanAttribute() == 0)
        #expect(invocation.attributes["statefun.message.type"]?.toSpanAttribute() == "io.statefun.types/string")
        #expect(invocation.links.isEmpty && invocation.status == nil)
    }

    @Test func aMessagesTraceparentIsTheParentOfItsInvocationSpan() async throws {
        let tracer = W3CTestTracer()
        let runtime = ObservedApp.runtime(TracingInstrumentation(tracer: tracer))
        defer { runtime.shutDown() }
        let traced = try Message("ann").withMetadata([.traceparent("00-\(Self.traceID)-\(Self.parentID)-01")])
        try runtime.send(traced, to: Address(ObservedApp.function, id: "a"))
        await runtime.runUntilIdle()

        let spans = tracer.ranSpans
        let batch = try #require(spans.first { $0.operationName == "statefun.batch" })
        let invocation = try #require(spans.first { $0.operationName == "statefun.invocation" })
        #expect(invocation.traceID == Self.traceID, "the sender's trace goes on")
        #expect(invocation.parentSpanID == Self.parentID)
        #expect(batch.traceID != Self.traceID, "the batch span belongs to the request, not to one message")
        #expect(invocation.links.count == 1, "the invocation links back to its batch")
        #expect(invocation.links.first?.context.inMemorySpanContext?.spanID == batch.spanID)
    }

    @Test func aFailedInvocationAndItsBatchRecordTheErrorWithKindAndPolicy() async throws {
        let tracer = W3CTestTracer()
        let runtime = ObservedApp.runtime(TracingInstrumentation(tracer: tracer))
        defer { runtime.shutDown() }
        try runtime.send("boom", to: Address(ObservedApp.function, id: "b"))
        await runtime.runUntilIdle()

        let spans = tracer.ranSpans
        #expect(spans.count == 2, "\(spans.map(\.operationName))")
        for span in spans {
            #expect(span.status?.code == .error, "\(span.operationName)")
            #expect(span.errors.count == 1 && "\(span.errors[0].error)".contains("boom requested"))
            #expect(span.attributes["statefun.failure.kind"]?.toSpanAttribute() == "transient")
            #expect(span.attributes["statefun.failure.policy"]?.toSpanAttribute() == "retry")
        }
        #expect(tracer.memory.activeSpans.isEmpty, "every span ended")
    }
}

/// A test double that speaks W3C Trace Context: spans are the in-memory tracer's, and `extract` reads a
/// `traceparent` (version-traceid-parentid-flags) into the in-memory span context, as a W3C propagator does.
struct W3CTestTracer: Tracer {
    let memory = InMemoryTracer()

    /// The finished spans but those of batches answered with the missing-state handshake (each id's first
    /// batch: the test function declares a state), which run no invocation.
    var ranSpans: [FinishedInMemorySpan] {
        memory.finishedSpans.filter { $0.attributes["statefun.batch.outcome"]?.toSpanAttribute() != "incomplete_context" }
    }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> InMemorySpan {
        memory.startSpan(
            operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    func forceFlush() {}

    func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {}

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let value = extractor.extract(key: "traceparent", from: carrier) else { return }
        let parts = value.split(separator: "-")
        guard parts.count == 4 else { return }
        context.inMemorySpanContext = InMemorySpanContext(
            traceID: String(parts[1]), spanID: String(parts[2]), parentSpanID: nil)
    }
}
