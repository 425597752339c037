/// The message types a `google.protobuf.Any` may hold, by full name: what the proto3 JSON mapping needs to write an
/// `Any` as `{"@type": "type.googleapis.com/x.Y", ...fields}` and to read it back (its payload is the bytes of a
/// message whose schema the `Any` itself does not carry).
///
/// Pass one in ``ProtoJSONOptions``. The well-known types are always known (the `Any` codec falls back to them);
/// register the app's own types:
///
/// ```swift
/// let options = ProtoJSONOptions(typeRegistry: ProtoTypeRegistry([Example_GreetRequest.self, Example_GreetResponse.self]))
/// let json = try envelope.jsonString(options: options)
/// ```
///
/// As protobuf does, a type URL resolves by the name after its last `/` (any host prefix is accepted).
public struct ProtoTypeRegistry: Sendable {
    private var types: [String: any ProtobufJSONMessage.Type] = [:]

    /// An empty registry.
    public init() {}

    /// A registry of `types`.
    public init(_ types: [any ProtobufJSONMessage.Type]) {
        for type in types { register(type) }
    }

    /// Adds `type` under its full name (a later registration of the same name replaces an earlier one).
    public mutating func register(_ type: any ProtobufJSONMessage.Type) {
        types[type.messageName] = type
    }

    /// The registered type named `fullName` (`x.Y`), or nil.
    public func messageType(named fullName: String) -> (any ProtobufJSONMessage.Type)? {
        types[fullName]
    }

    /// The registered type a type URL names (`type.googleapis.com/x.Y`: the part after the last `/`), or nil.
    public func messageType(forTypeURL typeURL: String) -> (any ProtobufJSONMessage.Type)? {
        types[Self.messageName(inTypeURL: typeURL)]
    }

    /// The full message name in `typeURL`: what follows its last `/` (all of it when there is none).
    public static func messageName(inTypeURL typeURL: String) -> String {
        guard let slash = typeURL.utf8.lastIndex(of: UInt8(ascii: "/")) else { return typeURL }
        return String(typeURL[typeURL.utf8.index(after: slash)...])
    }

    /// The full names registered, sorted.
    public var messageNames: [String] { types.keys.sorted() }
}

/// How generated messages write and read their proto3 JSON form.
public struct ProtoJSONOptions: Sendable {
    /// The types an `Any` may hold (beyond the well-known types, always known).
    public var typeRegistry: ProtoTypeRegistry

    /// Options with `typeRegistry` (empty by default: only the well-known types resolve in an `Any`).
    public init(typeRegistry: ProtoTypeRegistry = ProtoTypeRegistry()) {
        self.typeRegistry = typeRegistry
    }
}
