import StateFunProtocol
/// The request-reply protocol a function endpoint speaks.
///
/// StateFun released exactly two wire shapes (`protocol.md` §1): 3.x (StateFun 3.0 and later, `TypedValue`
/// payloads, state specs sent by the SDK) and 2.x (StateFun 2.0 to 2.2, `google.protobuf.Any` payloads,
/// states listed in module.yaml). They are incompatible; a deployment uses one.
public enum ProtocolVersion: String, Sendable, CaseIterable, CustomStringConvertible {
    /// StateFun 3.x (`io.statefun.sdk.reqreply`): the default.
    case v3
    /// StateFun 2.x (`org.apache.flink.statefun.flink.core.polyglot`), the protocol of the original Python
    /// walkthrough.
    case v2

    /// A readable form, for logs and error messages.
    public var description: String { rawValue }
}
