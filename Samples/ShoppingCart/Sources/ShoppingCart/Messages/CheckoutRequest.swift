public import StateFun

/// Cart → checkout: bill these lines. The checkout answers the caller with a ``CheckoutResult``.
public struct CheckoutRequest: JSONType, Equatable {
    public static let typeName: TypeName = "shop/CheckoutRequest"

    /// The cart's lines at checkout.
    public var lines: [CartLine]

    public init(lines: [CartLine]) {
        self.lines = lines
    }
}
