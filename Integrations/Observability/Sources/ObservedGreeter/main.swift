// `observed-greeter`: the walkthrough's greeter with its structured log going to swift-log, its metrics to
// swift-metrics and a span per batch and per invocation to swift-distributed-tracing.
//
//   observed-greeter            the demo: 6 requests on the embedded runtime, then what each backend received
//   observed-greeter serve      the built-in server (port 8000) with the three bridges beside its own log and /metrics
//
// A real app bootstraps its own backends (swift-log's handler of choice, swift-prometheus or swift-otel's metrics,
// swift-otel's tracer); the demo uses the APIs' in-memory ones so it can print what they got. With a W3C tracer
// (swift-otel's), a message carrying a `traceparent` in its metadata (a forwarded Kafka header) gets its invocation
// span in the sender's trace.
import GreeterApp
import InMemoryTracing
import Logging
import Metrics
import MetricsTestKit
import StateFun
import StateFunObservability
import Tracing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

LoggingSystem.bootstrap(StreamLogHandler.standardError)
let metrics = TestMetrics()
MetricsSystem.bootstrap(metrics)
let tracer = InMemoryTracer()
InstrumentationSystem.bootstrap(tracer)

var logger = Logger(label: "observed-greeter")
logger.logLevel = .debug
// The three bridges as one instrumentation: each batch reaches the logger, the metrics factory and the tracer.
let bridges = InstrumentationGroup([
    LoggingInstrumentation(logger: logger), SwiftMetricsInstrumentation(), TracingInstrumentation(),
])

switch CommandLine.arguments.dropFirst().first {
case nil:
    var configuration = LocalRuntime.Configuration()
    configuration.instrumentation = bridges
    let runtime = LocalRuntime(app: Greeter.app, configuration: configuration)
    defer { runtime.shutDown() }
    for name in ["Jerry", "Elaine", "Jerry", "George", "Jerry", "Elaine"] {
        try runtime.send(Example_GreetRequest(name: name), to: Address(Greeter.functionType, id: name))
    }
    await runtime.runUntilIdle()
    for record in runtime.egressRecords(topic: "greetings") {
        print("greeting\t\(record.key ?? "-")\t\((try? record.value(as: Example_GreetResponse.self))?.greeting ?? "?")")
    }
    print("metric\tstatefun_batches_total{outcome=success}\t\(metrics.counterTotal(label: "statefun_batches_total", dimensions: [("function", "example/greeter"), ("outcome", "success")]))")
    print("metric\tstatefun_invocations_total\t\(metrics.counterTotal(label: "statefun_invocations_total"))")
    print("metric\tstatefun_egress_records_total\t\(metrics.counterTotal(label: "statefun_egress_records_total"))")
    let spans = tracer.finishedSpans
    for span in spans {
        let parent = span.parentSpanID.map { "parent \($0)" } ?? "root"
        print("span\t\(span.operationName)\ttrace \(span.traceID)\t\(parent)")
    }
    exit(runtime.failures.isEmpty && !spans.isEmpty ? 0 : 1)
case "serve":
    var configuration = ServeConfiguration()
    configuration.http.port = 8000
    configuration.instrumentation = bridges
    try await Greeter.app.serve(configuration)
default:
    print("usage: observed-greeter [serve]")
    exit(2)
}
