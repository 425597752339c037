public import StateFun

/// Stock arrives for an item (topic `restocks`, keyed by the item's id).
public struct Restock: JSONType, Equatable {
    public static let typeName: TypeName = "shop/Restock"

    /// How many units arrived; ``InventoryFunction/quantityLimit`` bounds it.
    public var quantity: Int

    public init(quantity: Int) {
        self.quantity = quantity
    }
}
