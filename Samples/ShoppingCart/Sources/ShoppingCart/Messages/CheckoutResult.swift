public import StateFun

/// Checkout → cart, the reply to a ``CheckoutRequest``: the order's id and total.
public struct CheckoutResult: JSONType, Equatable {
    public static let typeName: TypeName = "shop/CheckoutResult"

    /// The order, `<shopper>-<n>`.
    public var orderId: String
    /// What it cost, in cents.
    public var totalCents: Int64

    public init(orderId: String, totalCents: Int64) {
        self.orderId = orderId
        self.totalCents = totalCents
    }
}
