import StateFunWire

/// How many effects of each kind a ``FromFunctionWriter`` holds, when a batch is observed (issue 16's metrics).
/// Messages, delayed messages and cancellations are the writer's own counts (one add per effect as it is
/// written); egress records are read back from the egress buffer, in place, and tallied per egress as the byte
/// ranges of its namespace and type there, so no string is made per record: the metrics find a range's series by
/// comparing bytes (``EgressBytes``) and make a typename once per egress. ``egressRecords(_:allWith:)`` is the
/// one-pass form for records all to one known egress.
///
/// The buffers hold whole fields the writer wrote, so they always read; should one ever not, the counts read up
/// to that point stand (nothing here traps).
package struct EffectTally {
    /// `InvocationResponse.outgoing_messages` (2).
    package private(set) var messages = 0
    /// `DelayedInvocation`s (3) that are not cancellations.
    package private(set) var delayedMessages = 0
    /// `DelayedInvocation`s (3) that are cancellations (`is_cancellation_request`, 10).
    package private(set) var cancellations = 0
    /// The first egress written to, with its record count; `nil` when there are no egress records.
    package private(set) var egress: EgressCount?
    /// Every further egress, in order of first appearance; `nil` for one egress (so that a tally of one egress is
    /// copied without a retain).
    package private(set) var moreEgress: [EgressCount]?

    /// Records of one egress: where its namespace and type are in the egress buffer, and how many there are.
    package struct EgressCount: Sendable {
        /// `EgressMessage.egress_namespace` (1)'s bytes.
        package var namespace: Range<Int>
        /// `EgressMessage.egress_type` (2)'s bytes.
        package var type: Range<Int>
        package var count: Int
    }

    /// The egress buffer an ``EffectTally``'s ranges point into, valid only during the call that hands it over.
    package struct EgressBytes {
        let bytes: UnsafeBufferPointer<UInt8>

        /// Whether `count`'s egress is the one whose namespace and type are those bytes of `keys`.
        package func matches(_ count: EgressCount, _ keys: [UInt8], namespace: Range<Int>, type: Range<Int>) -> Bool {
            guard count.namespace.count == namespace.count, count.type.count == type.count,
                count.namespace.lowerBound >= 0, count.namespace.upperBound <= bytes.count,
                count.type.lowerBound >= 0, count.type.upperBound <= bytes.count,
                namespace.lowerBound >= 0, namespace.upperBound <= keys.count,
                type.lowerBound >= 0, type.upperBound <= keys.count
            else { return false }
            // Every range was just checked to lie within its buffer.
            let raw = UnsafeRawBufferPointer(bytes)
            return keys.withUnsafeBytes { keys in
                Self.equal(raw, count.namespace.lowerBound, keys, namespace)
                    && Self.equal(raw, count.type.lowerBound, keys, type)
            }
        }

        /// Whether the bytes of `b` at `range` are those of `a` from `start` (both within their buffers, which
        /// the caller checked).
        @inline(__always)
        private static func equal(
            _ a: UnsafeRawBufferPointer, _ start: Int, _ b: UnsafeRawBufferPointer, _ range: Range<Int>
        ) -> Bool {
            guard let baseA = a.baseAddress, let baseB = b.baseAddress else { return range.isEmpty }
            return ReceivedBatch.bytesEqual(baseA + start, baseB + range.lowerBound, range.count)
        }

        /// The bytes at `range` as a string (UTF-8, invalid sequences repaired).
        package func string(_ range: Range<Int>) -> String {
            guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// Counts `writer`'s effects and hands the tally and the egress buffer its ranges point into to `body`.
    /// `inout` so that a context's writer is read where it is: passing it by value copied it (three buffer
    /// retains per batch, measured on greeter_reply); nothing is written. Messages, delayed messages and
    /// cancellations are the writer's own counts; only egress records are read back, for their egress.
    package static func read(_ writer: inout FromFunctionWriter, _ body: (EffectTally, EgressBytes) -> Void) {
        var tally = EffectTally()
        (tally.messages, tally.delayedMessages, tally.cancellations) =
            (writer.messageCount, writer.delayedMessageCount, writer.cancellationCount)
        guard writer.egressMessages.count > 0 else {
            return body(tally, EgressBytes(bytes: UnsafeBufferPointer(start: nil, count: 0)))
        }
        writer.egressMessages.withWrittenBytes { bytes in
            tally.countEgress(bytes)
            body(tally, EgressBytes(bytes: bytes))
        }
    }

    /// The egress records in `writer` when every one is to the egress whose fields `header` holds (its namespace
    /// and type, `EgressMessage` fields 1 and 2, as the writer writes them: ``header(namespace:type:)``) and has
    /// nothing after them but its argument; `nil` when one is not, or when a record does not read. One pass over
    /// the records' leading bytes, for the metrics' usual case of a batch writing to the egress its last one did.
    package static func egressRecords(_ writer: inout FromFunctionWriter, allWith header: FixedBuffer<UInt8>) -> Int? {
        guard writer.egressMessages.count > 0 else { return 0 }
        return writer.egressMessages.withWrittenBytes { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var i = 0
            var records = 0
            let end = bytes.count
            while i < end {
                // `outgoing_egresses` (4, length-delimited), its length, the header, then the argument (3).
                guard bytes[i] == 0x22 else { return nil }
                i &+= 1
                guard let length = Field.varint(bytes, &i, end), length <= UInt64(end &- i) else { return nil }
                let recordEnd = i &+ Int(length)
                let argument = i &+ header.count
                // The header's bytes lie before `argument`, which lies within the record (checked first).
                guard argument < recordEnd, bytes[argument] == 0x1A,
                    ReceivedBatch.bytesEqual(UnsafeRawPointer(base + i), UnsafeRawPointer(header.base), header.count)
                else { return nil }
                var j = argument &+ 1
                guard let argumentLength = Field.varint(bytes, &j, recordEnd), argumentLength == UInt64(recordEnd &- j)
                else { return nil }
                records &+= 1
                i = recordEnd
            }
            return records
        }
    }

    /// An egress's namespace and type as the writer writes them at the start of each of its records
    /// (`EgressMessage{egress_namespace=1, egress_type=2}`, written by the same `WireWriter.writeString`: an empty
    /// string is not written, as proto3 does).
    package static func header(namespace: String, type: String) -> [UInt8] {
        var header = WireWriter(capacity: namespace.utf8.count + type.utf8.count + 20)
        header.writeString(1, namespace)
        header.writeString(2, type)
        return header.bytes
    }

    private init() {}

    /// Every egress with its count, the first first.
    package var egressCounts: [EgressCount] {
        guard let egress else { return [] }
        return [egress] + (moreEgress ?? [])
    }

    // Every index read below is checked against the buffer's end first (Field), so the unchecked reads of an
    // UnsafeBufferPointer stay inside it.

    /// `EgressMessage{egress_namespace=1, egress_type=2}`. Records of one egress usually follow each other: a
    /// record whose bytes begin with the first egress's two fields (the writer writes them first) and that does
    /// not give them again is counted without reading them.
    private mutating func countEgress(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let end = bytes.count
        // Where the first egress's first record has its namespace and type fields, keys included.
        var prefix = 0..<0
        while i < end {
            // Another record of the first egress, as the writer writes it: its key (field 4, length-delimited),
            // the first egress's two fields, then only its argument (3).
            if !prefix.isEmpty, bytes[i] == 0x22 {
                var start = i &+ 1
                if let length = Field.varint(bytes, &start, end), length <= UInt64(end &- start) {
                    let recordEnd = start &+ Int(length)
                    if recordEnd &- start >= prefix.count, Self.equal(bytes, prefix, start),
                        Self.onlyArgumentFollows(bytes, start &+ prefix.count, recordEnd)
                    {
                        egress?.count &+= 1
                        i = recordEnd
                        continue
                    }
                }
            }
            guard let record = Field(bytes, &i, end) else { return }
            guard record.number == 4, record.isLengthDelimited else { continue }
            let start = record.value.lowerBound
            // The writer's layout, read straight: namespace (1) then type (2), each with a one-byte length.
            let content = record.value
            if content.count >= 4, bytes[start] == 0x0A, bytes[start &+ 1] < 0x80 {
                let namespace = (start &+ 2)..<(start &+ 2 &+ Int(bytes[start &+ 1]))
                let typeKey = namespace.upperBound
                if typeKey &+ 2 <= content.upperBound, bytes[typeKey] == 0x12, bytes[typeKey &+ 1] < 0x80,
                    typeKey &+ 2 &+ Int(bytes[typeKey &+ 1]) <= content.upperBound
                {
                    let type = (typeKey &+ 2)..<(typeKey &+ 2 &+ Int(bytes[typeKey &+ 1]))
                    if Self.onlyArgumentFollows(bytes, type.upperBound, content.upperBound) {
                        add(namespace, type, in: bytes)
                        if egress?.count == 1, moreEgress == nil { prefix = start..<type.upperBound }
                        continue
                    }
                }
            }
            var namespace = 0..<0
            var type = 0..<0
            var j = start
            // How many of the record's fields so far were, in order, its namespace then its type.
            var leading = 0
            while let field = Field(bytes, &j, record.value.upperBound) {
                if leading == 0, field.number == 1, field.isLengthDelimited {
                    leading = 1
                } else if leading == 1, field.number == 2, field.isLengthDelimited {
                    leading = 2
                } else if leading != 2 {
                    leading = -1
                }
                guard field.isLengthDelimited else { continue }
                if field.number == 1 { namespace = field.value } else if field.number == 2 { type = field.value }
            }
            add(namespace, type, in: bytes)
            // The shortcut is taken only for the first egress, when its two fields lead its first record and
            // occur once (a repeated field's last value would win).
            if egress?.count == 1, moreEgress == nil, leading == 2, namespace.upperBound < type.lowerBound {
                prefix = start..<type.upperBound
            }
        }
    }

    /// Whether the record's fields from `i` to `end` are its argument (3) alone, or at least no second namespace
    /// or type.
    @inline(__always)
    private static func onlyArgumentFollows(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        if i < end, bytes[i] == 0x1A {
            var j = i &+ 1
            if let length = Field.varint(bytes, &j, end), length == UInt64(end &- j) { return true }
        }
        return !repeatsFields(bytes, after: i, upTo: end)
    }

    /// Whether a namespace (1) or type (2) field follows at `i` (its last value would win): the writer writes
    /// none, so reading the rest of a record is only for anyone else's bytes.
    private static func repeatsFields(_ bytes: UnsafeBufferPointer<UInt8>, after i: Int, upTo end: Int) -> Bool {
        var j = i
        while let field = Field(bytes, &j, end) {
            if field.number <= 2 { return true }
        }
        return false
    }

    private mutating func add(_ namespace: Range<Int>, _ type: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
        func same(_ count: EgressCount) -> Bool {
            count.namespace.count == namespace.count && count.type.count == type.count
                && Self.equal(bytes, count.namespace, namespace.lowerBound)
                && Self.equal(bytes, count.type, type.lowerBound)
        }
        guard let first = egress else {
            egress = EgressCount(namespace: namespace, type: type, count: 1)
            return
        }
        if same(first) {
            egress?.count &+= 1
        } else if let i = moreEgress?.firstIndex(where: same) {
            moreEgress?[i].count &+= 1
        } else {
            moreEgress = (moreEgress ?? []) + [EgressCount(namespace: namespace, type: type, count: 1)]
        }
    }

    /// Whether the bytes at `range` equal those of the same length at `start` (`range` lies within `bytes`: it
    /// was read by Field).
    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ start: Int) -> Bool {
        guard start >= 0, start + range.count <= bytes.count, range.lowerBound >= 0, range.upperBound <= bytes.count
        else { return false }
        // Both ranges were just checked to lie within the buffer.
        guard let base = bytes.baseAddress else { return range.isEmpty }
        return ReceivedBatch.bytesEqual(
            UnsafeRawPointer(base + range.lowerBound), UnsafeRawPointer(base + start), range.count)
    }

    /// One field of a protobuf buffer: its number, wire type, and its value's bytes (a length-delimited field's
    /// content, or a scalar's encoding). `nil` at the end or at anything unreadable (groups included: the writer
    /// writes none).
    private struct Field {
        let number: UInt64
        let wireType: UInt8
        let value: Range<Int>

        var isLengthDelimited: Bool { wireType == 2 }

        /// Reads the field at `i` (moving `i` past it), within `bytes` up to `end` (at most `bytes.count`).
        @inline(__always)
        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) {
            guard i >= 0, i < end, end <= bytes.count, let key = Self.varint(bytes, &i, end) else { return nil }
            number = key >> 3
            wireType = UInt8(truncatingIfNeeded: key & 7)
            let valueStart = i
            switch wireType {
            case 0:
                guard Self.varint(bytes, &i, end) != nil else { return nil }
            case 1:
                guard end - i >= 8 else { return nil }
                i &+= 8
            case 2:
                guard let length = Self.varint(bytes, &i, end), length <= UInt64(end - i) else { return nil }
                let content = i
                i &+= Int(length)
                value = content..<i
                return
            case 5:
                guard end - i >= 4 else { return nil }
                i &+= 4
            default:
                return nil
            }
            value = valueStart..<i
        }

        /// A varint at `i` (< `end`), or `nil` when it runs past `end` or is longer than 10 bytes.
        @inline(__always)
        static func varint(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> UInt64? {
            // Keys and lengths of effects are mostly one byte.
            if i < end, bytes[i] < 0x80 {
                defer { i &+= 1 }
                return UInt64(bytes[i])
            }
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while i < end, shift < 64 {
                let byte = bytes[i]
                i &+= 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift &+= 7
            }
            return nil
        }
    }
}
