/// One reserved line of a cart.
public struct CartLine: Codable, Sendable, Equatable {
    /// The item.
    public var item: String
    /// How many units are held.
    public var quantity: Int
    /// The inventory's reservation; also the cancellation token of the line's ``ReservationTimeout``.
    public var reservationId: String

    public init(item: String, quantity: Int, reservationId: String) {
        self.item = item
        self.quantity = quantity
        self.reservationId = reservationId
    }
}
