public import StateFun

/// The shop: three functions, a Kafka ingress, a Kafka and a Kinesis egress, one endpoint.
///
/// ```
///  add-to-cart, checkouts ──▶ shop/cart ──ReserveItem──▶ shop/inventory ◀── restocks
///                               │  ▲ ◀──ReservationResult──┘  ▲
///                               │  └ ReservationTimeout (delayed, cancellable)
///                               │       └──────ReleaseItem──────┘
///                               └──CheckoutRequest──▶ shop/checkout ──▶ Kafka `receipts`
///                                  ◀──CheckoutResult──┘
///  every function ──▶ Kinesis `shop-events`
/// ```
public enum Shop {
    /// Commands from the storefront and the warehouse.
    public static let commands = KafkaIngress(id: "shop/commands", address: "kafka:9092", consumerGroupId: "shop") {
        KafkaTopic("add-to-cart", valueType: AddToCart.self, targets: CartFunction.function)
        KafkaTopic("checkouts", valueType: Checkout.self, targets: CartFunction.function)
        KafkaTopic("restocks", valueType: Restock.self, targets: InventoryFunction.function)
    }

    /// Paid orders, exactly once.
    public static let receipts = KafkaEgress(
        id: "shop/receipts", address: "kafka:9092", deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(60)))

    /// The Kafka topic of ``receipts``.
    public static let receiptsTopic = "receipts"

    /// Shop events for analytics.
    public static let events = KinesisEgress(id: "shop/events", region: .specific("eu-west-1"))

    /// The Kinesis stream of ``events``.
    public static let eventsStream = "shop-events"

    /// Sends `event` to the events stream, partitioned by `key`.
    static func publish(_ event: ShopEvent, key: String, _ context: Context) throws {
        try context.send(events.record(stream: eventsStream, partitionKey: key, value: .typed(event)))
    }

    /// The whole app.
    public static let app = App {
        CartFunction.function
        InventoryFunction.function
        CheckoutFunction.function
        commands
        receipts
        events
        Endpoint(functions: "shop/*", urlPathTemplate: "http://shop:8000/statefun", timeouts: .init(call: .seconds(60)))
    }
}
