public import StateFun

/// A shopper puts `quantity` of `item` into their cart (topic `add-to-cart`, keyed by the shopper's id).
public struct AddToCart: JSONType, Equatable {
    public static let typeName: TypeName = "shop/AddToCart"

    /// The item's id.
    public var item: String
    /// How many; ``CartFunction/quantityLimit`` bounds it.
    public var quantity: Int

    public init(item: String, quantity: Int) {
        self.item = item
        self.quantity = quantity
    }
}
