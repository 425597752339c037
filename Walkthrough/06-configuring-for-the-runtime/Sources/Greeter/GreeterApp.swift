public import GreeterMessages
public import StateFun

/// The whole greeter application: requests come in on Kafka topic `names`, greetings go out on `greetings`.
public enum GreeterApp {
    /// `example/names`: reads GreetRequests from the topic `names` and routes each to the greeter instance
    /// named by the record's key.
    public static let names = KafkaIngress(
        id: "example/names", address: "kafka-broker:9092", consumerGroupId: "my-group-id"
    ) {
        KafkaTopic("names", valueType: GreetRequest.self, targets: greeter)
    }

    /// `example/greets`: the Kafka egress greetings leave through (step 3).
    public static let greets = KafkaEgress(
        id: "example/greets", address: "kafka-broker:9092",
        deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)))

    /// Where the runtime reaches the function, and how: at most 500 queued messages per name while a call is
    /// in flight, two minutes per call.
    public static let endpoint = Endpoint(
        functions: "example/*", urlPathTemplate: "http://greeter:8000/statefun", timeouts: .init(call: .seconds(120)),
        maxNumBatchRequests: 500)

    /// `seen_count`: how many requests this instance has had (step 4).
    public static let seenCount = ValueSpec<SeenCount>("seen_count")

    /// `example/greeter`: counts the requests per name and answers with a greeting that depends on the count.
    public static let greeter = Function("example/greeter") {
        seenCount
        Handle(GreetRequest.self) { context, request in
            var count = try context.storage.get(seenCount) ?? SeenCount(seen: 0)
            count.seen = count.seen < .max ? count.seen + 1 : .max
            try context.storage.set(seenCount, count)

            let response = computeGreeting(name: request.name, seen: count.seen)
            try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
        }
        Emits(greets)
    }

    /// Every declaration of the app.
    public static let app = App {
        names
        greeter
        greets
        endpoint
    }

    /// A greeting for `name`, seen `seen` times so far (this visit included).
    public static func computeGreeting(name: String, seen: Int64) -> GreetResponse {
        let greeting =
            switch seen {
            case 1: "Welcome \(name)"
            case 2: "Nice to see you again \(name)"
            case 3: "Third time is a charm \(name)"
            default: "Nice to see you at the \(seen)-nth time \(name)!"
            }
        return GreetResponse(name: name, greeting: greeting)
    }
}
