public import StateFun

/// Cart → itself, delayed by ``CartFunction/reservationHold``: the reservation lapses unless the cart checked
/// out first (checkout cancels it, with the reservation id as cancellation token).
public struct ReservationTimeout: JSONType, Equatable {
    public static let typeName: TypeName = "shop/ReservationTimeout"

    /// The reserved line.
    public var line: CartLine

    public init(line: CartLine) {
        self.line = line
    }
}
