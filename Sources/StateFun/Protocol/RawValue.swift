/// A present value in its wire form, independent of the protocol: the typename (3.x) or `Any` type URL (2.x)
/// and the serialized bytes.
@usableFromInline package struct RawValue: Sendable, Equatable {
    package var typeName: String
    /// The bytes, often a slice of the request they arrived in (not copied).
    @usableFromInline package var bytes: ArraySlice<UInt8>

    package init(typeName: String, bytes: ArraySlice<UInt8>) {
        self.typeName = typeName
        self.bytes = bytes
    }

    package init(typeName: String, bytes: [UInt8]) {
        self.init(typeName: typeName, bytes: bytes[...])
    }
}
