public import StateFun

/// A shopper pays for their cart (topic `checkouts`, keyed by the shopper's id).
public struct Checkout: JSONType, Equatable {
    public static let typeName: TypeName = "shop/Checkout"

    public init() {}
}
