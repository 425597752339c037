/// A state as the runtime registered it for a function type: its name, typename and expiration.
package struct StateRegistration: Sendable, Equatable {
    package var name: String
    /// The registered typename (3.x; `io.statefun.types/unset` when the SDK sent none); empty on 2.x, where state
    /// values are opaque bytes.
    package var typeName: String
    package var expiration: Expiration

    package init(name: String, typeName: String, expiration: Expiration) {
        self.name = name
        self.typeName = typeName
        self.expiration = expiration
    }
}
