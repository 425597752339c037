public import StateFun

/// Cart → inventory: a reservation lapsed; its units are for sale again.
public struct ReleaseItem: JSONType, Equatable {
    public static let typeName: TypeName = "shop/ReleaseItem"

    /// The lapsed reservation.
    public var reservationId: String
    /// Its quantity.
    public var quantity: Int

    public init(reservationId: String, quantity: Int) {
        self.reservationId = reservationId
        self.quantity = quantity
    }
}
