public import StateFun

/// A cart's state: the reserved lines, in the order they were added.
public struct Cart: JSONType, Equatable {
    public static let typeName: TypeName = "shop/Cart"

    /// The lines.
    public var lines: [CartLine]

    public init(lines: [CartLine] = []) {
        self.lines = lines
    }
}
