public import StateFun

/// A paid order, written to the Kafka topic `receipts` keyed by the shopper.
public struct Receipt: JSONType, Equatable {
    public static let typeName: TypeName = "shop/Receipt"

    /// One billed line.
    public struct Line: Codable, Sendable, Equatable {
        public var item: String
        public var quantity: Int
        /// Unit price, in cents.
        public var unitCents: Int64

        public init(item: String, quantity: Int, unitCents: Int64) {
            self.item = item
            self.quantity = quantity
            self.unitCents = unitCents
        }
    }

    public var orderId: String
    public var shopper: String
    public var lines: [Line]
    public var totalCents: Int64

    public init(orderId: String, shopper: String, lines: [Line], totalCents: Int64) {
        self.orderId = orderId
        self.shopper = shopper
        self.lines = lines
        self.totalCents = totalCents
    }
}
