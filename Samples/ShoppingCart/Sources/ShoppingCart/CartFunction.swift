public import StateFun

/// `shop/cart`, one instance per shopper: collects reserved lines, lets each lapse after
/// ``reservationHold`` unless the shopper checks out, and forgets a cart nobody touched for ``abandonedAfter``.
public enum CartFunction {
    public static let typeName: TypeName = "shop/cart"

    /// How long the inventory holds a reserved line for a cart.
    public static let reservationHold: Duration = .seconds(15 * 60)
    /// A cart with no call for this long is abandoned: its state expires (its reservations still lapse, and
    /// give their stock back, when their hold ends).
    public static let abandonedAfter: Duration = .seconds(10 * 60)
    /// The largest quantity one ``AddToCart`` may ask for.
    public static let quantityLimit: ClosedRange<Int64> = 1...1_000
    /// The most lines one cart holds.
    public static let lineLimit = 100

    /// The cart; expires when the shopper goes away.
    public static let cart = ValueSpec<Cart>("cart", expireAfterCall: abandonedAfter)
    /// The id of the shopper's last order, kept for a day after it was written.
    public static let lastOrder = ValueSpec<String>("last_order", expireAfterWrite: .seconds(24 * 3600))

    public static let function = Function(typeName) {
        cart
        lastOrder

        Handle(AddToCart.self) { context, command in
            let shopper = context.address.id
            let lines = try context.storage.get(cart)?.lines.count ?? 0
            guard quantityLimit.contains(command.quantity), !command.item.isEmpty, lines < lineLimit else {
                let reason =
                    lines >= lineLimit ? "the cart is full" : "quantity \(command.quantity) or item '\(command.item)' is invalid"
                try Shop.publish(
                    ShopEvent(kind: .rejected, shopper: shopper, item: command.item, quantity: command.quantity, reason: reason),
                    key: shopper, context)
                return
            }
            // Request/reply: the inventory answers this cart (its caller) with a ReservationResult. The typed
            // reference (`InventoryFunction.function(item)`) makes sending it anything but what it handles a
            // compile error.
            try context.send(ReserveItem(quantity: command.quantity), to: InventoryFunction.function(command.item))
        }

        Handle(ReservationResult.self) { context, result in
            let shopper = context.address.id
            guard let reservationID = result.grantedReservation else {
                try Shop.publish(
                    ShopEvent(kind: .outOfStock, shopper: shopper, item: result.item, quantity: result.quantity),
                    key: result.item, context)
                return
            }
            let line = CartLine(item: result.item, quantity: result.quantity, reservationID: reservationID)
            try context.storage.update(cart) { cart in
                cart = Cart(lines: (cart?.lines ?? []) + [line])
            }
            // The hold ends with a message to ourselves; checkout withdraws it by its token.
            try context.send(
                ReservationTimeout(line: line), to: context.address, after: reservationHold,
                cancellationToken: reservationID)
        }

        Handle(ReservationTimeout.self) { context, timeout in
            // Only lines still in the cart lapse; the cart may also have expired meanwhile. Either way the
            // reservation was never paid (checkout cancels the timeouts), so the stock goes back.
            try context.storage.update(cart) { cart in
                cart?.lines.removeAll { $0.reservationID == timeout.line.reservationID }
                if cart?.lines.isEmpty == true { cart = nil }
            }
            let line = timeout.line
            try context.send(
                ReleaseItem(reservationID: line.reservationID, quantity: line.quantity),
                to: InventoryFunction.function(line.item))
            try Shop.publish(
                ShopEvent(kind: .reservationExpired, shopper: context.address.id, item: line.item, quantity: line.quantity),
                key: line.item, context)
        }

        Handle(Checkout.self) { context, _ in
            let shopper = context.address.id
            guard let lines = try context.storage.get(cart)?.lines, !lines.isEmpty else {
                try Shop.publish(ShopEvent(kind: .rejected, shopper: shopper, reason: "the cart is empty"), key: shopper, context)
                return
            }
            for line in lines { try context.cancelDelayedMessage(line.reservationID) }
            try context.send(CheckoutRequest(lines: lines), to: CheckoutFunction.function(shopper))
            try context.storage.delete(cart)
        }

        Handle(CheckoutResult.self) { context, result in
            try context.storage.set(lastOrder, result.orderID)
        }

        // What the cart talks to: a send or a write to anything else fails at once, in tests as in production.
        // Its delayed ReservationTimeout goes to itself and needs no declaration.
        Sends(InventoryFunction.function, CheckoutFunction.function)
        Emits(Shop.events)
    }

    /// The cart of `shopper`.
    public static func address(_ shopper: String) -> Address { Address(typeName, id: shopper) }
}
