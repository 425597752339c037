package import StateFunProtocol

// The SDK's address on the wire: the fields and their numbers are StateFunProtocol's (`WireAddress`).
extension Address: WireAddress {
    package init(wireNamespace: String, type: String, id: String) {
        self.init(TypeName(namespace: wireNamespace, name: type), id: id)
    }

    package var wireNamespace: String { typeName.namespace }
    package var wireType: String { typeName.name }
    package var wireID: String { id }

    /// The three fields, as StateFunProtocol's response writer takes an address.
    package var wireFields: FromFunctionWriter.Target { (typeName.namespace, typeName.name, id) }
}
