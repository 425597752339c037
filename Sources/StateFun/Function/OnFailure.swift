/// Declares a function's ``FailurePolicy`` for permanent failures; without one, the function retries.
///
/// ```swift
/// Function("example/greeter") {
///     Handle(GreetRequest.self) { context, request in ... }
///     OnFailure(.deadLetter(to: dlq, topic: "greeter-poison"))
/// }
/// ```
public struct OnFailure: FunctionComponent {
    let policy: FailurePolicy

    /// Applies `policy` to the function's permanent failures.
    public init(_ policy: FailurePolicy) {
        self.policy = policy
    }

    /// Adds this component to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        if draft.definition.hasFailurePolicy {
            draft.problems.append("declares more than one OnFailure policy")
        }
        draft.definition.failurePolicy = policy
        draft.definition.hasFailurePolicy = true
    }
}
