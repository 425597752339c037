import StateFun
package import StateFunWire

/// The codec shape shared by the messages of upstream's `commands.proto`: decoding *merges* into a value, as
/// protobuf parsers do, so a submessage field that occurs twice is merged (repeated fields appended, scalars
/// overwritten) and a oneof member that occurs twice keeps merging into the same case.
package protocol SmokeWireMessage: Sendable, Hashable {
    /// The message with every field at its default.
    init()
    /// Reads fields from `reader` into `self` until the reader's (sub)message ends.
    mutating func merge(from reader: inout WireReader) throws(WireError)
    /// Writes the fields in field-number order, proto3 style (defaults omitted, set submessages always written).
    func encode(to writer: inout WireWriter)
}

extension SmokeWireMessage {
    /// Merges the embedded message of field `tag` into `self`.
    package mutating func mergeEmbedded(_ tag: FieldTag, from reader: inout WireReader) throws(WireError) {
        try reader.readMessage(tag) { (sub: inout WireReader) throws(WireError) in try self.merge(from: &sub) }
    }

    /// Reads an embedded message of field `tag`, merging it into `existing` when the field was already seen.
    package static func embedded(_ tag: FieldTag, from reader: inout WireReader, into existing: Self?)
        throws(WireError) -> Self
    {
        var value = existing ?? Self()
        try value.mergeEmbedded(tag, from: &reader)
        return value
    }

    /// Writes `self` as the embedded message of field `field` (always written, even when empty).
    package func write(_ field: UInt32, to writer: inout WireWriter) {
        writer.writeMessage(field) { encode(to: &$0) }
    }

    /// The message in wire form.
    package func serializedBytes() -> [UInt8] {
        var writer = WireWriter()
        encode(to: &writer)
        return writer.takeBytes()
    }

    /// Decodes a whole buffer.
    package static func decode(_ bytes: [UInt8]) throws(WireError) -> Self {
        var reader = WireReader(bytes)
        var value = Self()
        try value.merge(from: &reader)
        return value
    }
}
