package import StateFunWire
/// A value that sits in a length-delimited field of a request-reply message and differs between the two
/// protocol versions: ``TypedValue`` (3.x), `google.protobuf.Any` (2.x arguments, ``AnyValue``) or opaque
/// bytes (2.x state, ``StateBytes``).
package protocol WirePayload: Sendable, Equatable {
    /// Reads the payload of a field whose key was just read.
    static func read(_ tag: FieldTag, from reader: inout WireReader) throws(WireError) -> Self
    /// Writes the payload as field `field`.
    func write(_ field: UInt32, to writer: inout WireWriter)
}

/// Messages of the request-reply protocol: decodable and encodable as whole messages.
package protocol WireMessage: Sendable, Equatable {
    /// Decodes the message's fields from `reader`, skipping unknown ones.
    init(from reader: inout WireReader) throws(WireError)
    /// Encodes the message's fields in field-number order.
    func encode(to writer: inout WireWriter)
}

extension WireMessage {
    /// Decodes a whole buffer.
    package init(serialized bytes: [UInt8], options: WireReader.Options = .init()) throws(WireError) {
        var reader = WireReader(bytes, options: options)
        try self.init(from: &reader)
    }

    /// Encodes to a new buffer.
    package func serialized(capacity: Int = 256) -> [UInt8] {
        var writer = WireWriter(capacity: capacity)
        encode(to: &writer)
        return writer.takeBytes()
    }

    /// Reads an embedded message of this type.
    package static func read(_ tag: FieldTag, from reader: inout WireReader) throws(WireError) -> Self {
        try reader.readMessage(tag) { sub throws(WireError) in try Self(from: &sub) }
    }

    /// Writes this message as embedded field `field`.
    package func write(_ field: UInt32, to writer: inout WireWriter) {
        writer.writeMessage(field) { encode(to: &$0) }
    }
}
