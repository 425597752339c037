import StateFunProtocol
package import StateFunWire

// The SDK's address on the wire: the fields and their numbers are StateFunProtocol's (`WireAddress`).
extension Address: WireAddress {
    package init(wireNamespace: String, type: String, id: String) {
        self.init(TypeName(namespace: wireNamespace, name: type), id: id)
    }

    package var wireNamespace: String { typeName.namespace }
    package var wireType: String { typeName.name }
    package var wireID: String { id }

    /// Writes this address as embedded field `field` of a run.
    package func write(_ field: UInt32, to run: inout WireWriter.Run) {
        AddressWire.write(field, namespace: typeName.namespace, type: typeName.name, id: id, to: &run)
    }

    /// Room a run needs for ``write(_:to:)``.
    package var wireSizeBound: Int {
        AddressWire.sizeBound(namespace: typeName.namespace, type: typeName.name, id: id)
    }
}
