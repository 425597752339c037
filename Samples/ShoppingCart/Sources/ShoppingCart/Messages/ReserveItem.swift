public import StateFun

/// Cart → inventory: hold `quantity` units of the inventory's item for the calling cart. The inventory answers
/// the caller with a ``ReservationResult``.
public struct ReserveItem: JSONType, Equatable {
    public static let typeName: TypeName = "shop/ReserveItem"

    /// How many units to hold.
    public var quantity: Int

    public init(quantity: Int) {
        self.quantity = quantity
    }
}
