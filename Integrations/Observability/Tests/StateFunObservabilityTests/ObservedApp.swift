import StateFun

/// A small app for the bridges' tests: `test/echo` counts its messages, writes each to a Kafka egress and fails
/// on `"boom"` (a transient failure); a message of a type it has no handler for is a permanent failure.
/// `test/lenient` discards the invocations that fail permanently.
enum ObservedApp {
    static let function: TypeName = "test/echo"
    /// Discards an invocation that fails permanently ("poison" throws a `PermanentError`) and goes on.
    static let lenient: TypeName = "test/lenient"
    static let egress = KafkaEgress(id: "test/out", address: "kafka:9092")
    static let count = ValueSpec<Int64>("count")

    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom requested" }
    }

    static let app = App {
        Function(function) {
            count
            Handle(String.self) { context, text in
                if text == "boom" { throw Boom() }
                try context.storage.set(count, (try context.storage.get(count) ?? 0) + 1)
                try context.send(egress.record(topic: "out", key: context.address.id, value: .string(text)))
            }
            Emits(egress)
        }
        Function(lenient) {
            Handle(String.self) { _, text in
                if text == "poison" { throw PermanentError("never accepted") }
            }
            OnFailure(.discard)
        }
        egress
    }

    /// A runtime on a manual clock: a failed batch waits for its retry until the test advances the clock, so
    /// what the bridges saw after `runUntilIdle()` is exactly the first attempt.
    static func runtime(_ instrumentation: any Instrumentation) -> LocalRuntime {
        var configuration = LocalRuntime.Configuration()
        configuration.instrumentation = instrumentation
        return LocalRuntime(app: app, clock: ManualClock(), configuration: configuration)
    }
}
