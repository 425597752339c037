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

    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }

    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }

    public static func buildEither(first part: [Element]) -> [Element] { part }

    public static func buildEither(second part: [Element]) -> [Element] { part }

    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }

    public static func buildLimitedAvailability(_ part: [Element]) -> [Element] { part }
}
