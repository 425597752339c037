public import StateFun

// The walkthrough's messages come from messages.proto (compiled by StateFunProtobufPlugin at build time). Here:
// the typenames the walkthrough routes them by, initializers that read well at call sites, and the short names
// that code built on GreeterApp (Samples/HummingbirdGreeter, Walkthrough/07-deployment) uses.

/// `example.GreetRequest`.
public typealias GreetRequest = Example_GreetRequest
/// `example.GreetResponse`.
public typealias GreetResponse = Example_GreetResponse
/// `example.SeenCount`.
public typealias SeenCount = Example_SeenCount

extension Example_GreetRequest {
    /// The walkthrough's Kafka ingress routes `com.googleapis/example.GreetRequest` (its module.yaml's `typeUrl`).
    public static let typeName: TypeName = "com.googleapis/example.GreetRequest"

    /// A request to greet `name`.
    public init(name: String) {
        self.init()
        self.name = name
    }
}

extension Example_GreetResponse {
    /// Named like the request (the egress record carries only the message bytes).
    public static let typeName: TypeName = "com.googleapis/example.GreetResponse"

    /// A greeting for `name`.
    public init(name: String, greeting: String) {
        self.init()
        self.name = name
        self.greeting = greeting
    }
}

extension Example_SeenCount {
    /// The typename of the function's state `seen_count`.
    public static let typeName: TypeName = "com.googleapis/example.SeenCount"

    /// A count of `seen`.
    public init(seen: Int64) {
        self.init()
        self.seen = seen
    }
}
