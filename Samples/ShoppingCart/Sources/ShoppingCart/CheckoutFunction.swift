public import StateFun

/// `shop/checkout`, one instance per shopper: bills a cart's lines, writes the receipt to Kafka and answers
/// the cart with the order's id.
public enum CheckoutFunction {
    public static let typeName: TypeName = "shop/checkout"

    /// Unit prices in cents; items not listed cost ``defaultUnitCents``.
    public static let unitCents: [String: Int64] = ["apple": 50, "pear": 80, "bread": 250, "coffee": 899]
    /// The price of an item missing from ``unitCents``.
    public static let defaultUnitCents: Int64 = 100

    /// How many orders the shopper has placed.
    public static let orders = ValueSpec<Int64>("orders")

    public static let function = Function(typeName) {
        orders

        Handle(CheckoutRequest.self) { context, request in
            let shopper = context.address.id
            let count = (try context.storage.get(orders) ?? 0) + 1
            try context.storage.set(orders, count)
            let lines = request.lines.map {
                Receipt.Line(item: $0.item, quantity: $0.quantity, unitCents: unitCents[$0.item] ?? defaultUnitCents)
            }
            var total: Int64 = 0
            for line in lines {
                let (cost, overflow) = Int64(line.quantity).multipliedReportingOverflow(by: line.unitCents)
                let (sum, overflow2) = total.addingReportingOverflow(cost)
                guard !overflow, !overflow2, line.quantity > 0 else {
                    throw CheckoutError.lineOutOfRange(order: shopper, item: line.item, quantity: line.quantity)
                }
                total = sum
            }
            let receipt = Receipt(orderID: "\(shopper)-\(count)", shopper: shopper, lines: lines, totalCents: total)
            try context.send(Shop.receipts.record(topic: Shop.receiptsTopic, key: shopper, value: .typed(receipt)))
            try context.reply(CheckoutResult(orderID: receipt.orderID, totalCents: total))
        }

        // Its answers are replies (to the calling cart), which need no Sends.
        Sends()
        Emits(Shop.receipts)
    }

    /// The checkout of `shopper`.
    public static func address(_ shopper: String) -> Address { Address(typeName, id: shopper) }
}
