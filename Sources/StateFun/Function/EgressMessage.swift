/// A value for an ``Egress``, made by `Egress.record(_:)` and sent with `context.send(_:)`
/// (StateFun's `EgressMessage`: the egress id and the value). Generic, so a typed value is written straight into
/// the response without being boxed.
public struct EgressMessage<Value: Sendable>: Sendable {
    /// The egress the value goes to.
    public let egress: TypeName
    /// The value.
    public let value: Value

    @usableFromInline
    init(egress: TypeName, value: Value) {
        self.egress = egress
        self.value = value
    }
}
