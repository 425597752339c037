public import StateFun

// The generated messages under the walkthrough's short names, with the typenames its module.yaml routes
// (`com.googleapis/example.<Message>`, so records mean the same to a Python and a Swift greeter) and
// initializers that read well at call sites.

/// `example.GreetRequest`: a request to greet someone.
public typealias GreetRequest = Example_GreetRequest
/// `example.GreetResponse`: the greeting that goes out.
public typealias GreetResponse = Example_GreetResponse
/// `example.SeenCount`: how many times a name was seen.
public typealias SeenCount = Example_SeenCount

extension Example_GreetRequest {
    /// `com.googleapis/example.GreetRequest`, the type URL the walkthrough's ingress routes.
    public static var typeName: TypeName { TypeName(namespace: "com.googleapis", name: messageName) }

    /// A request to greet `name`.
    public init(name: String) {
        self.init()
        self.name = name
    }
}

extension Example_GreetResponse {
    /// `com.googleapis/example.GreetResponse`.
    public static var typeName: TypeName { TypeName(namespace: "com.googleapis", name: messageName) }

    /// A greeting for `name`.
    public init(name: String, greeting: String) {
        self.init()
        self.name = name
        self.greeting = greeting
    }
}

extension Example_SeenCount {
    /// `com.googleapis/example.SeenCount`.
    public static var typeName: TypeName { TypeName(namespace: "com.googleapis", name: messageName) }

    /// A count of `seen`.
    public init(seen: Int64) {
        self.init()
        self.seen = seen
    }
}
