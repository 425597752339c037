// Public: the writing helpers below are `@usableFromInline` for the response writer's inlinable begins, so their
// signatures may only name public types of the codec.
public import StateFunWire

/// `Address{namespace=1, type=2, id=3}`, the same in the 2.x and 3.x protocols: what the schema's messages need
/// of an address. The SDK's `Address` conforms; this module knows the fields, not the type.
package protocol WireAddress: WireMessage {
    /// Makes an address from its three (already decoded) parts.
    init(wireNamespace: String, type: String, id: String)
    var wireNamespace: String { get }
    var wireType: String { get }
    var wireID: String { get }
}

extension WireAddress {
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
        self.init(wireNamespace: namespace, type: type, id: id)
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeString(1, wireNamespace)
        writer.writeString(2, wireType)
        writer.writeString(3, wireID)
    }

    /// True when all three fields are empty (the 3.x SDKs read such a caller as "no caller"). Inlinable, so it
    /// is specialised for the SDK's address instead of reading the fields through the witness table.
    @inlinable
    package var isEmpty: Bool { wireNamespace.isEmpty && wireType.isEmpty && wireID.isEmpty }
}

/// Writing an address on the hot path, from its parts (no generic code between a send and the bytes).
@usableFromInline package enum AddressWire {
    /// Writes `Address{namespace, type, id}` as embedded field `field` of a run (its length is known up front,
    /// so no fix-up). A call, not inlined: the run body of a send then stays small enough to be inlined into
    /// `writeRun` itself (see `WireWriter.Run.writeString`).
    @usableFromInline @inline(never)
    package static func write(
        _ field: UInt32, namespace: String, type: String, id: String, to run: inout WireWriter.Run
    ) {
        let content =
            WireWriter.lengthDelimitedSize(1, count: namespace.utf8.count)
            + WireWriter.lengthDelimitedSize(2, count: type.utf8.count)
            + WireWriter.lengthDelimitedSize(3, count: id.utf8.count)
        run.writeKey(field, .lengthDelimited)
        run.writeVarint(UInt64(content))
        run.writeString(1, namespace)
        run.writeString(2, type)
        run.writeString(3, id)
    }

    /// Writes `Address{namespace, type, id}` as embedded field `field`.
    package static func write(
        _ field: UInt32, _ address: (namespace: String, type: String, id: String), to writer: inout WireWriter
    ) {
        writer.writeMessage(field) { fields in
            fields.writeString(1, address.namespace)
            fields.writeString(2, address.type)
            fields.writeString(3, address.id)
        }
    }

    /// Room a run needs for ``write(_:namespace:type:id:to:)``.
    @inlinable @inline(__always)
    package static func sizeBound(namespace: String, type: String, id: String) -> Int {
        32 + namespace.utf8.count + type.utf8.count + id.utf8.count
    }
}
