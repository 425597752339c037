/// What checkout refuses. A handler throws its own error type; the SDK fails the batch and keeps the error as
/// the underlying cause (`StateFunError.handlerFailed(function:id:underlying:)`).
public enum CheckoutError: Error, Equatable, CustomStringConvertible {
    /// A line's quantity is not positive, or its cost or the order's total does not fit in 64 bits.
    case lineOutOfRange(order: String, item: String, quantity: Int64)

    public var description: String {
        switch self {
        case .lineOutOfRange(let order, let item, let quantity):
            "order of \(order): line \(item) x \(quantity) is out of range"
        }
    }
}
