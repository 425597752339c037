/// A present value in its wire form, independent of the protocol: the typename (3.x) or `Any` type URL (2.x)
/// and the serialized bytes.
package struct RawValue: Sendable, Equatable {
    package var typeName: String
    package var bytes: [UInt8]

    package init(typeName: String, bytes: [UInt8]) {
        self.typeName = typeName
        self.bytes = bytes
    }
}
