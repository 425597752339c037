public import GreeterMessages
public import StateFun

/// The greeter application as it stands after step 4: the greeting depends on how often the name was seen.
public enum GreeterApp {
    /// `example/greets`: the Kafka egress greetings leave through (step 3).
    public static let greets = KafkaEgress(
        id: "example/greets", address: "kafka-broker:9092",
        deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)))

    /// `seen_count`: how many requests this instance has had. Each greeter instance (one per name) has its own
    /// value; the runtime keeps it, fault tolerant, and sends it along with every call.
    public static let seenCount = ValueSpec<SeenCount>("seen_count")

    /// `example/greeter`: counts the requests per name and answers with a greeting that depends on the count.
    public static let greeter = Function("example/greeter") {
        seenCount
        Handle(GreetRequest.self) { context, request in
            // No value yet means a first visit.
            var count = try context.storage.get(seenCount) ?? SeenCount(seen: 0)
            count.seen = count.seen < .max ? count.seen + 1 : .max
            try context.storage.set(seenCount, count)

            let response = computeGreeting(name: request.name, seen: count.seen)
            try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
        }
        Emits(greets)
    }

    /// Every declaration of the app: the function and its egress.
    public static let app = App {
        greeter
        greets
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
