/// Something that can stand in an ``App`` declaration: a ``Function``, an ingress, an egress, an endpoint, or a
/// component of your own that groups several of them.
///
/// A reusable group is a type whose ``body`` lists declarations:
///
/// ```swift
/// struct CartModule: AppComponent {
///     var body: [any AppComponent] {
///         Function("shop/cart") { ... }
///         KafkaEgress(id: "shop/receipts", address: "kafka:9092")
///     }
/// }
/// ```
public protocol AppComponent: Sendable {
    /// The declarations this component stands for.
    @AppBuilder var body: [any AppComponent] { get }
}

/// A declaration the app model knows directly (functions, IO, endpoints). Library types only.
package protocol PrimitiveAppComponent: AppComponent {
    func contribute(to model: inout AppModel)
}

extension AppComponent {
    /// Adds this component, or the components of its body, to `model`.
    package func flatten(into model: inout AppModel, depth: Int = 0) {
        if let primitive = self as? any PrimitiveAppComponent {
            primitive.contribute(to: &model)
            return
        }
        // A component whose body contains itself would recurse forever; stop and report it instead.
        guard depth < 64 else {
            model.problems.append("a component nests deeper than 64 levels (does its body contain itself?)")
            return
        }
        for component in body { component.flatten(into: &model, depth: depth + 1) }
    }
}
