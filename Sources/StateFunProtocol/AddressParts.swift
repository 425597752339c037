import StateFunWire

/// An address as three strings, for code of this module that reads or writes addresses without the SDK's type
/// (the request reader's model of a request in another layout).
package struct AddressParts: WireAddress, Hashable {
    package var namespace: String
    package var type: String
    package var id: String

    package init(wireNamespace: String, type: String, id: String) {
        namespace = wireNamespace
        self.type = type
        self.id = id
    }

    package var wireNamespace: String { namespace }
    package var wireType: String { type }
    package var wireID: String { id }
}
