public import GreeterMessages
public import StateFun

/// The greeter application as it stands after step 3: every request is answered with a greeting on Kafka.
public enum GreeterApp {
    /// `example/greets`: the Kafka egress greetings leave through.
    ///
    /// The declaration names the egress and the Kafka cluster behind it, and the value doubles as a typed handle:
    /// `greets.record(topic:key:value:)` builds a record for it. The settings are the walkthrough's (brokers at
    /// `kafka-broker:9092`, exactly-once delivery with a 100 s transaction timeout); step 6 shows where they end
    /// up in module.yaml.
    public static let greets = KafkaEgress(
        id: "example/greets", address: "kafka-broker:9092",
        deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)))

    /// `example/greeter`: answers each request with "Hello <name>" on the `greetings` topic.
    public static let greeter = Function("example/greeter") {
        Handle(GreetRequest.self) { context, request in
            let response = GreetResponse(name: request.name, greeting: "Hello \(request.name)")
            // A Kafka record for topic `greetings`, keyed by the name, the value the serialized response.
            try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
        }
        // Tells validation which egress the handler writes to, so a missing declaration is reported.
        Emits(greets)
    }

    /// Every declaration of the app: the function and its egress.
    public static let app = App {
        greeter
        greets
    }
}
