/// The result builder of the SDK's list declarations: the body of an ``App`` or an ``AppComponent``
/// (``AppBuilder``), and the topics of a ``KafkaIngress`` or the streams
/// of a ``KinesisIngress``. Supports `if`, `if/else`, `switch`, `for` and optionals.
///
/// ```swift
/// KafkaIngress(id: "example/names", address: "kafka:9092") {
///     KafkaTopic("names", valueType: GreetRequest.self, targets: "example/greeter")
///     for region in regions { KafkaTopic("names-\(region)", valueType: GreetRequest.self, targets: "example/greeter") }
/// }
/// ```
///
/// Every expression becomes one flat array, so type-checking stays linear in the number of declarations (one
/// overload per builder method).
@resultBuilder
public enum DeclarationBuilder<Element: Sendable> {
    /// Turns one declaration into a list.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }

    /// Takes a list of declarations (a helper that returns several) as is.
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

/// Builds an ``App`` or an ``AppComponent`` body.
public typealias AppBuilder = DeclarationBuilder<any AppComponent>
