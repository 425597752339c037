package import StateFunWire
// Address{namespace=1, type=2, id=3}: unchanged between the 2.x and 3.x protocols.
extension Address: WireMessage {
    package init(from reader: inout WireReader) throws(WireError) {
        var namespace = ""
        var type = ""
        var id = ""
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: namespace = try reader.readString(tag)
            case 2: type = try reader.readString(tag)
            case 3: id = try reader.readString(tag)
            default: try reader.skip(tag)
            }
        }
        self.init(TypeName(namespace: namespace, name: type), id: id)
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, typeName.namespace)
        writer.writeString(2, typeName.name)
        writer.writeString(3, id)
    }

    /// Writes this address as embedded field `field` of a run (its length is known up front, so no fix-up).
    package func write(_ field: UInt32, to run: inout WireWriter.Run) {
        let content =
            WireWriter.lengthDelimitedSize(1, count: typeName.namespace.utf8.count)
            + WireWriter.lengthDelimitedSize(2, count: typeName.name.utf8.count)
            + WireWriter.lengthDelimitedSize(3, count: id.utf8.count)
        run.writeKey(field, .lengthDelimited)
        run.writeVarint(UInt64(content))
        run.writeString(1, typeName.namespace)
        run.writeString(2, typeName.name)
        run.writeString(3, id)
    }

    /// Room a run needs for ``write(_:to:)``.
    package var wireSizeBound: Int {
        32 + typeName.namespace.utf8.count + typeName.name.utf8.count + id.utf8.count
    }

    /// True when all three fields are empty (the 3.x SDKs read such a caller as "no caller").
    package var isEmpty: Bool { typeName.namespace.isEmpty && typeName.name.isEmpty && id.isEmpty }
}
