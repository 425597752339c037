public import StateFun

/// `shop/inventory`, one instance per item: the units for sale, reserved on request of carts.
public enum InventoryFunction {
    public static let typeName: TypeName = "shop/inventory"

    /// The largest quantity one ``Restock`` may bring.
    public static let quantityLimit: ClosedRange<Int64> = 1...1_000_000

    /// Units for sale (not reserved).
    public static let stock = ValueSpec<Int64>("stock")
    /// How many reservations this item has handed out: makes reservation ids unique for ever.
    public static let reservations = ValueSpec<Int64>("reservations")

    public static let function = Function(typeName) {
        stock
        reservations

        Handle(Restock.self) { context, restock in
            let item = context.address.id
            let current = try context.storage.get(stock) ?? 0
            let (next, overflow) = current.addingReportingOverflow(Int64(restock.quantity))
            guard quantityLimit.contains(restock.quantity), !overflow else {
                try Shop.publish(
                    ShopEvent(kind: .rejected, item: item, quantity: restock.quantity, reason: "restock quantity out of range"),
                    key: item, context)
                return
            }
            try context.storage.set(stock, next)
        }

        Handle(ReserveItem.self) { context, request in
            let item = context.address.id
            let available = try context.storage.get(stock) ?? 0
            guard request.quantity > 0, Int64(request.quantity) <= available else {
                try context.reply(
                    ReservationResult(item: item, quantity: request.quantity, reservationID: nil, available: available))
                return
            }
            let count = (try context.storage.get(reservations) ?? 0) + 1
            try context.storage.set(reservations, count)
            try context.storage.set(stock, available - Int64(request.quantity))
            try context.reply(
                ReservationResult(
                    item: item, quantity: request.quantity, reservationID: "\(item)#\(count)",
                    available: available - Int64(request.quantity)))
        }

        Handle(ReleaseItem.self) { context, release in
            let current = try context.storage.get(stock) ?? 0
            let (next, overflow) = current.addingReportingOverflow(Int64(max(release.quantity, 0)))
            try context.storage.set(stock, overflow ? .max : next)
        }

        // Its answers are replies (to the calling cart), which need no Sends.
        Sends()
        Emits(Shop.events)
    }

    /// The inventory of `item`.
    public static func address(_ item: String) -> Address { Address(typeName, id: item) }
}
