/// The address of one function instance: its function type and its id.
///
/// Mirrors `Address{namespace=1, type=2, id=3}` of StateFun's request-reply protocol. The id is free text:
/// a user id, a device id, the Kafka record key an ingress routed by.
public struct Address: Hashable, Sendable, CustomStringConvertible {
    /// The function type, e.g. `example/greeter`.
    public var typeName: TypeName
    /// The instance id, e.g. `ann`.
    public var id: String

    /// Creates an address.
    public init(_ typeName: TypeName, id: String) {
        self.typeName = typeName
        self.id = id
    }

    /// `namespace/name/id`.
    public var description: String { "\(typeName)/\(id)" }

    /// Why a message can't be sent to this address, or `nil` when it can (a valid typename and a non-empty id,
    /// as the official SDKs require before they build a message).
    package var sendError: String? {
        if typeName.isValid, !id.isEmpty { return nil }
        if let reason = typeName.validationError { return "invalid target typename '\(typeName)': \(reason)" }
        if id.isEmpty { return "the target id of \(typeName) must not be empty" }
        return nil
    }
}
