public import StateFun

// The shop's messages come from messages.proto (compiled by StateFunProtobufPlugin at build time). Here: the short
// names the functions use, the `shop/...` typenames the app routes and stores them by (the module.yaml's Kafka
// `valueType`s), and initializers that read well at call sites.

/// `shop.AddToCart`.
public typealias AddToCart = Shop_AddToCart
/// `shop.Checkout`.
public typealias Checkout = Shop_Checkout
/// `shop.Restock`.
public typealias Restock = Shop_Restock
/// `shop.CartLine`.
public typealias CartLine = Shop_CartLine
/// `shop.Cart`.
public typealias Cart = Shop_Cart
/// `shop.ReserveItem`.
public typealias ReserveItem = Shop_ReserveItem
/// `shop.ReservationResult`.
public typealias ReservationResult = Shop_ReservationResult
/// `shop.ReservationTimeout`.
public typealias ReservationTimeout = Shop_ReservationTimeout
/// `shop.ReleaseItem`.
public typealias ReleaseItem = Shop_ReleaseItem
/// `shop.CheckoutRequest`.
public typealias CheckoutRequest = Shop_CheckoutRequest
/// `shop.CheckoutResult`.
public typealias CheckoutResult = Shop_CheckoutResult
/// `shop.Receipt`.
public typealias Receipt = Shop_Receipt
/// `shop.ShopEvent`.
public typealias ShopEvent = Shop_ShopEvent

extension Shop_AddToCart {
    /// The typename of the Kafka topic `add-to-cart`'s values.
    public static let typeName: TypeName = "shop/AddToCart"

    /// `quantity` of `item`.
    public init(item: String, quantity: Int64) {
        self.init()
        self.item = item
        self.quantity = quantity
    }
}

extension Shop_Checkout {
    /// The typename of the Kafka topic `checkouts`' values.
    public static let typeName: TypeName = "shop/Checkout"
}

extension Shop_Restock {
    /// The typename of the Kafka topic `restocks`' values.
    public static let typeName: TypeName = "shop/Restock"

    /// `quantity` units arrived.
    public init(quantity: Int64) {
        self.init()
        self.quantity = quantity
    }
}

extension Shop_CartLine {
    /// The typename of a cart line.
    public static let typeName: TypeName = "shop/CartLine"

    /// `quantity` of `item`, held by `reservationID`.
    public init(item: String, quantity: Int64, reservationID: String) {
        self.init()
        self.item = item
        self.quantity = quantity
        self.reservationID = reservationID
    }
}

extension Shop_Cart {
    /// The typename of the cart's state.
    public static let typeName: TypeName = "shop/Cart"

    /// A cart holding `lines`.
    public init(lines: [Shop_CartLine]) {
        self.init()
        self.lines = lines
    }
}

extension Shop_ReserveItem {
    /// The typename of a reservation request.
    public static let typeName: TypeName = "shop/ReserveItem"

    /// Hold `quantity` units.
    public init(quantity: Int64) {
        self.init()
        self.quantity = quantity
    }
}

extension Shop_ReservationResult {
    /// The typename of the inventory's answer.
    public static let typeName: TypeName = "shop/ReservationResult"

    /// The answer for `quantity` of `item`: granted as `reservationID`, or refused (`nil`).
    public init(item: String, quantity: Int64, reservationID: String?, available: Int64) {
        self.init()
        self.item = item
        self.quantity = quantity
        if let reservationID { self.reservationID = reservationID }
        self.available = available
    }

    /// The reservation, or `nil` when it was refused.
    public var grantedReservation: String? { hasReservationID ? reservationID : nil }
}

extension Shop_ReservationTimeout {
    /// The typename of the cart's delayed message to itself.
    public static let typeName: TypeName = "shop/ReservationTimeout"

    /// The hold of `line` ended.
    public init(line: Shop_CartLine) {
        self.init()
        self.line = line
    }
}

extension Shop_ReleaseItem {
    /// The typename of a lapsed reservation.
    public static let typeName: TypeName = "shop/ReleaseItem"

    /// `quantity` units of `reservationID` are for sale again.
    public init(reservationID: String, quantity: Int64) {
        self.init()
        self.reservationID = reservationID
        self.quantity = quantity
    }
}

extension Shop_CheckoutRequest {
    /// The typename of a checkout request.
    public static let typeName: TypeName = "shop/CheckoutRequest"

    /// Bill `lines`.
    public init(lines: [Shop_CartLine]) {
        self.init()
        self.lines = lines
    }
}

extension Shop_CheckoutResult {
    /// The typename of the checkout's answer.
    public static let typeName: TypeName = "shop/CheckoutResult"

    /// Order `orderID` cost `totalCents`.
    public init(orderID: String, totalCents: Int64) {
        self.init()
        self.orderID = orderID
        self.totalCents = totalCents
    }
}

extension Shop_Receipt {
    /// The typename of the Kafka topic `receipts`' values.
    public static let typeName: TypeName = "shop/Receipt"

    /// Order `orderID` of `shopper`: `lines` for `totalCents`.
    public init(orderID: String, shopper: String, lines: [Line], totalCents: Int64) {
        self.init()
        self.orderID = orderID
        self.shopper = shopper
        self.lines = lines
        self.totalCents = totalCents
    }
}

extension Shop_Receipt.Line {
    /// `quantity` of `item` at `unitCents` each.
    public init(item: String, quantity: Int64, unitCents: Int64) {
        self.init()
        self.item = item
        self.quantity = quantity
        self.unitCents = unitCents
    }
}

extension Shop_ShopEvent {
    /// The typename of the Kinesis stream `shop-events`' values.
    public static let typeName: TypeName = "shop/ShopEvent"

    /// An event of `kind`; the `nil` fields stay absent.
    public init(kind: Kind, shopper: String? = nil, item: String? = nil, quantity: Int64? = nil, reason: String? = nil) {
        self.init()
        self.kind = kind
        if let shopper { self.shopper = shopper }
        if let item { self.item = item }
        if let quantity { self.quantity = quantity }
        if let reason { self.reason = reason }
    }

    /// The fields that are present, in order, as text.
    public var details: [String] {
        [hasShopper ? shopper : nil, hasItem ? item : nil, hasQuantity ? String(quantity) : nil, hasReason ? reason : nil]
            .compactMap { $0 }
    }
}

extension Shop_ShopEvent.Kind {
    /// The kind as the shop's analytics name it (`out-of-stock`, `reservation-expired`, `rejected`).
    public var label: String {
        switch self {
        case .outOfStock: "out-of-stock"
        case .reservationExpired: "reservation-expired"
        case .rejected: "rejected"
        default: "unspecified"
        }
    }
}
