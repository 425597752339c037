package import StateFunWire
/// The 2.x protocol's state value: opaque `bytes` (the Python 2.x SDK stores a serialized `Any` there).
///
/// An empty value can't be told from an absent one: both mean "no value".
package struct StateBytes: WirePayload {
    package var bytes: [UInt8]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    package static func read(_ tag: FieldTag, from reader: inout WireReader) throws(WireError) -> StateBytes {
        StateBytes(try reader.readBytes(tag))
    }

    package func write(_ field: UInt32, to writer: inout WireWriter) {
        writer.writeBytes(field, bytes)
    }
}
