public import StateFun

/// The walkthrough's greeter: for each `GreetRequest` from the Kafka topic `names`, count how often the name was
/// seen and write a personalized `GreetResponse` to the topic `greetings` through the exactly-once Kafka egress
/// `example/greets`.
public enum Greeter {
    /// The function's typename.
    public static let functionType: TypeName = "example/greeter"

    /// How many times each name (the function's id) has been seen; the walkthrough's `seen_count`.
    public static let seenCount = ValueSpec<Example_SeenCount>("seen_count")

    /// Greetings go to Kafka, committed with Flink's checkpoints.
    public static let greets = KafkaEgress(
        id: "example/greets", address: "kafka-broker:9092",
        deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)))

    /// The walkthrough's `compute_greeting`: a template per visit for the first three, then a count.
    public static func greeting(for name: String, seen: Int64) -> String {
        switch seen {
        case 1: "Welcome \(name)"
        case 2: "Nice to see you again \(name)"
        case 3: "Third time is a charm \(name)"
        case ...0: ""
        default: "Nice to see you at the \(seen)-nth time \(name)!"
        }
    }

    /// One visit: the next count and the response for it.
    public static func greet(_ request: Example_GreetRequest, seen: Example_SeenCount?) throws -> (Example_SeenCount, Example_GreetResponse) {
        let (next, overflow) = (seen?.seen ?? 0).addingReportingOverflow(1)
        if overflow { throw GreeterError.countOverflow(name: request.name) }
        return (Example_SeenCount(seen: next), Example_GreetResponse(name: request.name, greeting: greeting(for: request.name, seen: next)))
    }

    /// The whole app: the function, the names ingress, the greets egress and the endpoint the runtime calls.
    public static let app = App {
        Function(functionType) {
            seenCount
            Handle(Example_GreetRequest.self) { context, request in
                let (count, response) = try greet(request, seen: try context.storage.get(seenCount))
                try context.storage.set(seenCount, count)
                try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
            }
            Emits(greets)
        }
        KafkaIngress(id: "example/names", address: "kafka-broker:9092", consumerGroupId: "my-group-id") {
            KafkaTopic("names", valueType: Example_GreetRequest.self, targets: functionType)
        }
        greets
        Endpoint(
            functions: "example/*", urlPathTemplate: "http://greeter:8000/statefun", timeouts: .init(call: .seconds(120)),
            maxNumBatchRequests: 500)
    }
}
