/// Receives what the SDK does while it serves: batches and invocations as they begin and end, and the built-in
/// server's own events. The structured log (``LoggingInstrumentation``) and the metrics
/// (``MetricsInstrumentation``) are implementations; so are the bridges of `Integrations/Observability`
/// (swift-log, swift-metrics, swift-distributed-tracing).
///
/// The request-reply handler, the built-in server and ``LocalRuntime`` call it (Docs/Operations.md lists every
/// event). Per function type, the caller asks once for a ``FunctionProbe`` and calls only that on the hot path,
/// so an implementation can resolve its per-function state (metric series, a logger's metadata) ahead of time.
///
/// Calls come from many tasks at once: implementations must be cheap and thread-safe, and must not throw.
public protocol Instrumentation: Sendable {
    /// The probe for batches of `function`; asked once per function type when a handler or runtime is made.
    func probe(for function: TypeName) -> any FunctionProbe

    /// An event of the built-in server (start, a limit hit, shutdown). The default ignores it.
    func serverEvent(_ event: ServerEvent)
}

extension Instrumentation {
    /// Ignores the event.
    public func serverEvent(_ event: ServerEvent) {}
}
