public import StateFun

/// Something worth telling the rest of the company, written to the Kinesis stream `shop-events`.
public struct ShopEvent: JSONType, Equatable {
    public static let typeName: TypeName = "shop/ShopEvent"

    /// What happened.
    public enum Kind: String, Codable, Sendable {
        /// A cart asked for more than the inventory had.
        case outOfStock = "out-of-stock"
        /// A reservation lapsed before checkout; its units went back to the inventory.
        case reservationExpired = "reservation-expired"
        /// A command was refused (a quantity out of range, a checkout of an empty cart, a stock overflow).
        case rejected
    }

    public var kind: Kind
    /// The shopper, when a cart reports it.
    public var shopper: String?
    public var item: String?
    public var quantity: Int?
    /// Why, for ``Kind/rejected``.
    public var reason: String?

    public init(kind: Kind, shopper: String? = nil, item: String? = nil, quantity: Int? = nil, reason: String? = nil) {
        self.kind = kind
        self.shopper = shopper
        self.item = item
        self.quantity = quantity
        self.reason = reason
    }
}
