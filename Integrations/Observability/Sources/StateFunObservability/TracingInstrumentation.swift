public import StateFun
public import Tracing

/// The SDK's batches and invocations as swift-distributed-tracing spans: one span per batch (`statefun.batch`,
/// kind server: the runtime's request) and, inside it, one per invocation (`statefun.invocation`, kind consumer).
///
/// A batch span's parent is the task's current `ServiceContext` (a framework's request span, when a Hummingbird
/// or Vapor route runs the handler under one). An invocation span's parent is the sender's trace when the
/// message carries one in its metadata (the maintained fork's `TypedValue.metadata`: a W3C `traceparent` from a
/// Kafka header or a sending function), extracted with the tracer's own propagation; otherwise the batch span.
/// When the sender's trace is the parent, the invocation span links to its batch span.
///
/// Attributes follow Docs/Operations.md's names: `statefun.function`, `statefun.id`, `statefun.batch.size`,
/// `statefun.batch.outcome`, `statefun.invocation.index`, `statefun.message.type`, `statefun.caller`, and for a
/// failure `statefun.failure.kind` and `statefun.failure.policy`; a failed invocation or batch records its error
/// and has the error status.
public struct TracingInstrumentation: StateFun.Instrumentation {
    /// The tracer spans are started with.
    public let tracer: any Tracer

    /// Starts spans with `tracer` (by default the one `InstrumentationSystem.bootstrap` installed).
    public init(tracer: any Tracer = InstrumentationSystem.tracer) {
        self.tracer = tracer
    }

    /// A probe that starts and ends `function`'s spans; it asks for invocation events.
    public func probe(for function: TypeName) -> any FunctionProbe {
        TracingProbe(tracer: tracer, function: function)
    }
}
