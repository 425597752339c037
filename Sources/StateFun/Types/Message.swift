/// A value as it arrived, not yet decoded: its typename and bytes.
///
/// Handlers declared with `Handle(T.self)` get decoded values; a catch-all handler (``Otherwise``) and untyped
/// state access get a `Message` and decode it on demand, like the Python SDK's `Message`
/// (`is_type`/`as_type`, `is_string`/`as_string`, ...).
public struct Message: Sendable, Equatable, CustomStringConvertible {
    /// The typename (3.x) or `Any` type URL (2.x) the value carries.
    public let typeName: String
    /// The serialized value in place, or `nil` when the value is absent (3.x `has_value = false`).
    ///
    /// A received message's payload is a slice of the request body, so reading it copies nothing; decode it
    /// with ``as(_:)`` or a type's ``StateFunType/deserialize(from:)-(ArraySlice<UInt8>)``.
    public let payload: ArraySlice<UInt8>?
    /// The protocol the value came with: it decides how built-in types are encoded and matched.
    public let protocolVersion: ProtocolVersion
    /// The metadata the message carries, in order: the maintained fork's `TypedValue.metadata` (Kafka record
    /// headers its ingress forwards, entries a sender set; see ``MetadataEntry``). Empty with upstream's
    /// runtimes. Read one with ``metadataValue(forKey:)`` or ``traceparent``.
    public var metadata: [MetadataEntry] { metadataEntries ?? [] }
    /// ``metadata``, `nil` when there is none (always with upstream's runtimes): a message is made per
    /// invocation, and an empty array stored in each cost a reference count on the way in and out.
    private let metadataEntries: [MetadataEntry]?

    /// The serialized value as a new array, or `nil` when the value is absent (3.x `has_value = false`).
    public var bytes: [UInt8]? { payload.map { Array($0) } }

    /// Creates a message from a typename and bytes.
    public init(typeName: String, bytes: [UInt8]?, protocolVersion: ProtocolVersion = .v3) {
        self.init(typeName: typeName, payload: bytes.map { $0[...] }, protocolVersion: protocolVersion)
    }

    /// Creates a message from a typename and a slice of a larger buffer (kept as it is, not copied).
    public init(typeName: String, payload: ArraySlice<UInt8>?, protocolVersion: ProtocolVersion = .v3) {
        self.typeName = typeName
        self.payload = payload
        metadataEntries = nil
        self.protocolVersion = protocolVersion
    }

    /// Creates a message with metadata (the maintained fork's `TypedValue.metadata`) from a typename and a slice
    /// of a larger buffer.
    public init(
        typeName: String, payload: ArraySlice<UInt8>?, metadata: [MetadataEntry], protocolVersion: ProtocolVersion = .v3
    ) {
        self.typeName = typeName
        self.payload = payload
        metadataEntries = metadata.isEmpty ? nil : metadata
        self.protocolVersion = protocolVersion
    }

    /// Encodes `value` as a message.
    public init<V: StateFunType>(_ value: V, protocolVersion: ProtocolVersion = .v3) throws {
        let raw = try protocolVersion.codec.encode(value)
        self.init(typeName: raw.typeName, payload: raw.bytes, protocolVersion: protocolVersion)
    }

    /// True when the message carries a value of type `V`.
    public func `is`<V: StateFunType>(_ type: V.Type) -> Bool {
        protocolVersion.codec.matches(typeName, type)
    }

    /// Decodes the value as `V`. Throws ``StateFunError/deserializationFailed(typeName:reason:)`` when the
    /// message has no value, holds a value of another type, or its bytes don't decode: ask ``is(_:)`` first, or
    /// write `try? message.decode(V.self)` when any of those means "not this one".
    ///
    /// ```swift
    /// Otherwise { context, message in
    ///     if message.is(GreetRequest.self) { let request = try message.decode(GreetRequest.self) ... }
    /// }
    /// ```
    public func decode<V: StateFunType>(_ type: V.Type) throws -> V {
        let codec = protocolVersion.codec
        guard let payload else {
            throw StateFunError.deserializationFailed(
                typeName: codec.typeName(of: type), reason: "the message has no value")
        }
        guard codec.matches(typeName, type) else {
            throw StateFunError.deserializationFailed(
                typeName: codec.typeName(of: type), reason: "the message holds a value of type '\(typeName)'")
        }
        return try codec.decode(payload, as: type)
    }

    /// Decodes the value as `V`, `nil` when the message has no value; throws for another type or bad bytes.
    @available(*, deprecated, message: "use decode(_:), which throws when there is no value, or try? decode(_:)")
    public func `as`<V: StateFunType>(_ type: V.Type) throws -> V? {
        guard payload != nil else { return nil }
        return try decode(type)
    }

    package var raw: RawValue? { payload.map { RawValue(typeName: typeName, bytes: $0) } }

    /// A readable form, for logs and error messages.
    public var description: String {
        let entries = metadata.isEmpty ? "" : ", metadata \(metadata)"
        return "Message(\(typeName), \(payload.map { "\($0.count) bytes" } ?? "no value")\(entries))"
    }
}
