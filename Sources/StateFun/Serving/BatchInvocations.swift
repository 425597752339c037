/// A batch's invocations, each made (caller and message) when it is about to run.
protocol BatchInvocations {
    var count: Int { get }
    /// Makes invocation `i`: sets `context`'s caller (in place) and returns the message.
    mutating func prepare(_ i: Int, in context: Context) -> Message
    /// The typename of invocation `i`'s message (for a failure report).
    func typeName(_ i: Int) -> String
}
