/// Builds the list of topics of a ``KafkaIngress`` or the streams of a ``KinesisIngress``; supports `if`,
/// `if/else`, `for` and optionals, like ``AppBuilder``.
///
/// ```swift
/// KafkaIngress(id: "example/names", address: "kafka:9092") {
///     KafkaTopic("names", valueType: GreetRequest.self, targets: "example/greeter")
///     for region in regions { KafkaTopic("names-\(region)", valueType: GreetRequest.self, targets: "example/greeter") }
/// }
/// ```
@resultBuilder
public enum DeclarationBuilder<Element: Sendable> {
    public static func buildExpression(_ element: Element) -> [Element] { [element] }

    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }

    /// Joins the statements of a block.
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }

    /// An `if` without `else`: its components, or none.
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }

    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first part: [Element]) -> [Element] { part }

    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second part: [Element]) -> [Element] { part }

    /// A `for` loop: the components of every iteration.
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }

    /// An `if #available` branch.
    public static func buildLimitedAvailability(_ part: [Element]) -> [Element] { part }
}
