public import StateFun

/// Inventory → cart, the reply to a ``ReserveItem``: the reservation's id, or `nil` when there was not enough
/// stock.
public struct ReservationResult: JSONType, Equatable {
    public static let typeName: TypeName = "shop/ReservationResult"

    /// The item.
    public var item: String
    /// The quantity asked for.
    public var quantity: Int
    /// The reservation, unique per item for ever; `nil`: refused.
    public var reservationId: String?
    /// The stock left after the reservation (or that was too little).
    public var available: Int64

    public init(item: String, quantity: Int, reservationId: String?, available: Int64) {
        self.item = item
        self.quantity = quantity
        self.reservationId = reservationId
        self.available = available
    }
}
