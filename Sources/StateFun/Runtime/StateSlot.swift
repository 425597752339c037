/// A state value in a request: the registered typename and the stored bytes, or `nil` (registered, empty).
package struct StateSlot: Sendable {
    package var name: String
    package var typeName: String
    package var bytes: [UInt8]?

    package init(name: String, typeName: String, bytes: [UInt8]?) {
        self.name = name
        self.typeName = typeName
        self.bytes = bytes
    }
}
