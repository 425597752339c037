/// A StateFun application: every function, ingress, egress and endpoint, declared once.
///
/// The same value is the function registry (``requestReplyHandler(protocolVersion:limits:)``), the runtime's
/// module.yaml, the HTTP endpoint and the local runtime's input, and it is validated as a whole
/// (``validate()``).
///
/// ```swift
/// let app = App {
///     Function("example/greeter") {
///         seen
///         Handle(String.self) { context, name in ... }
///     }
/// }
/// ```
public struct App: Sendable {
    package let model: AppModel

    /// Declares an app from the components `body` lists.
    public init(@AppBuilder _ body: () -> [any AppComponent]) {
        var model = AppModel()
        for component in body() { component.flatten(into: &model) }
        self.model = model
    }

    /// The typenames of the declared functions, in declaration order.
    public var functionTypes: [TypeName] { model.functions.map(\.typeName) }

    /// A handler that answers the runtime's requests for this app's functions, within `limits`.
    public func requestReplyHandler(protocolVersion: ProtocolVersion = .v3, limits: BatchLimits = BatchLimits())
        -> RequestReplyHandler
    {
        RequestReplyHandler(app: self, protocolVersion: protocolVersion, limits: limits)
    }

    /// The request-reply handler for this app's functions, reporting every batch to `instrumentation` (e.g.
    /// ``MetricsInstrumentation`` for a framework's `/metrics`, ``LoggingInstrumentation``; Docs/Operations.md).
    public func requestReplyHandler(
        protocolVersion: ProtocolVersion = .v3, limits: BatchLimits = BatchLimits(),
        instrumentation: any Instrumentation
    ) -> RequestReplyHandler {
        RequestReplyHandler(app: self, protocolVersion: protocolVersion, limits: limits, instrumentation: instrumentation)
    }
}
