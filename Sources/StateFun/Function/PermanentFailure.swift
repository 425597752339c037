/// Marks an error a handler throws as **permanent**: retrying the same message cannot succeed, so the function's
/// ``FailurePolicy`` applies to it (``PermanentError`` is a ready one).
///
/// ```swift
/// struct UnknownProduct: PermanentFailure { let sku: String }
/// ```
public protocol PermanentFailure: Error {}

/// A ready ``PermanentFailure``: a message, and the error that caused it if any.
///
/// ```swift
/// guard order.quantity > 0 else { throw PermanentError("quantity must be positive") }
/// ```
public struct PermanentError: PermanentFailure, CustomStringConvertible {
    /// What is wrong with the message.
    public var message: String
    /// The error that caused it, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates the error.
    public init(_ message: String, underlying: (any Error & Sendable)? = nil) {
        self.message = message
        self.underlying = underlying
    }

    /// The message, and the cause when there is one.
    public var description: String {
        guard let underlying else { return message }
        return "\(message): \(underlying)"
    }
}
