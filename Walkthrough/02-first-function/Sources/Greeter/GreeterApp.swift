public import GreeterMessages
public import StateFun

/// The greeter application as it stands after step 2: one function that accepts greet requests.
public enum GreeterApp {
    /// `example/greeter`: the typename other functions, ingresses and module.yaml use to reach the function.
    ///
    /// A ``Function`` is declared with its typename and its parts; `Handle(GreetRequest.self)` says which
    /// message type it takes and hands the handler a decoded `GreetRequest` (the Python walkthrough's
    /// `greet_request: GreetRequest` type hint). Any other message type is refused with an error naming it.
    public static let greeter = Function("example/greeter") {
        Handle(GreetRequest.self) { context, request in
            // Nothing to do yet: step 3 answers with a greeting. `context.address.id` is the instance's id,
            // the name the request was routed by.
            _ = (context, request)
        }
    }

    /// Every declaration of the app; so far only the function.
    public static let app = App {
        greeter
    }
}
