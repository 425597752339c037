/// What the greeter itself refuses. A handler throws its own error type; the SDK fails the batch and keeps the
/// error as the underlying cause (`StateFunError.handlerFailed(function:id:underlying:)`).
public enum GreeterError: Error, Equatable, CustomStringConvertible {
    /// The visit count of `name` is at `Int64.max` already.
    case countOverflow(name: String)

    public var description: String {
        switch self {
        case .countOverflow(let name): "the seen count of \(name) overflows"
        }
    }
}
