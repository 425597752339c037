import StateFunWire
import Testing

@Suite struct WireErrorTests {
    /// A message with nested, repeated and scalar fields: every byte offset is a place to cut it.
    static func sampleMessage() -> [UInt8] {
        var writer = WireWriter()
        writer.writeMessage(100) { batch in
            batch.writeMessage(1) { address in
                address.writeString(1, "example")
                address.writeString(2, "greeter")
                address.writeString(3, "ann")
            }
            for i in 0..<3 {
                batch.writeMessage(3) { invocation in
                    invocation.writeMessage(2) { value in
                        value.writeString(1, "io.statefun.types/int")
                        value.writeBool(2, true)
                        value.writeBytes(3, [0x0D, UInt8(i), 0, 0, 0])
                    }
                    invocation.writeSFixed64(4, -1)
                }
            }
        }
        return writer.bytes
    }

    @Test func cuttingARealMessageAtEveryOffsetReportsTruncationNeverACrash() {
        let message = Self.sampleMessage()
        for cut in 0..<message.count {
            var reader = WireReader(Array(message[..<cut]))
            do {
                while let tag = try reader.nextField() { try reader.skip(tag) }
                // Cutting between top-level fields can leave a valid prefix only at offset 0.
                #expect(cut == 0, "a cut at \(cut) read as complete")
            } catch {
                #expect(error.isTruncation, "cut at \(cut): \(error)")
            }
        }
    }

    @Test func varintLongerThanTenBytesIsMalformed() {
        var reader = WireReader([UInt8](repeating: 0xFF, count: 11) + [0x01])
        #expect(throws: WireError.varintTooLong(offset: 0)) { try reader.readVarint() }
    }

    @Test func varintCutShortIsTruncated() {
        var reader = WireReader([0x80, 0x80])
        #expect(throws: WireError.truncated(offset: 2)) { try reader.readVarint() }
    }

    @Test func lengthBeyondTheBytesLeftOfANestedMessageIsMalformed() throws {
        // Outer message (field 1) of 3 bytes holding a field whose length claims 100 bytes.
        var reader = WireReader([0x0A, 0x03, 0x12, 0x64, 0x00, 0x18, 0x01])
        let tag = try #require(try reader.nextField())
        #expect(throws: WireError.lengthOutOfBounds(offset: 3, length: 100, remaining: 1)) {
            try reader.readMessage(tag) { sub throws(WireError) in
                while let t = try sub.nextField() { try sub.skip(t) }
            }
        }
    }

    @Test func lengthAboveTwoGibibytesIsMalformed() {
        var reader = WireReader([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(throws: WireError.lengthOutOfBounds(offset: 1, length: 0xFFFF_FFFF, remaining: 0)) {
            while let tag = try reader.nextField() { try reader.skip(tag) }
        }
    }

    @Test func invalidWireTypeAndFieldNumberAreMalformed() {
        var six = WireReader([0x0E])
        #expect(throws: WireError.invalidWireType(offset: 0, rawValue: 6)) { try six.nextField() }
        var zero = WireReader([0x00, 0x01])
        #expect(throws: WireError.invalidFieldNumber(offset: 0, number: 0)) { try zero.nextField() }
    }

    @Test func aStringSentAsAVarintIsAWireTypeMismatch() throws {
        var reader = WireReader([0x08, 0x01])
        let tag = try #require(try reader.nextField())
        #expect(throws: WireError.wireTypeMismatch(offset: 0, field: 1, expected: .lengthDelimited, actual: .varint)) {
            try reader.readString(tag)
        }
    }

    @Test func invalidUTF8InAStringFieldIsRejected() throws {
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] {
            var reader = WireReader([0x0A, UInt8(bad.count)] + bad)
            let tag = try #require(try reader.nextField())
            #expect(throws: WireError.invalidUTF8(offset: 2, field: 1)) { try reader.readString(tag) }
        }
    }

    @Test func nestingDeeperThanTheLimitIsRejected() throws {
        // 150 levels of field 1 wrapping field 1 ...
        var bytes: [UInt8] = []
        for _ in 0..<150 {
            var writer = WireWriter()
            writer.writeMessageBytes(1, bytes)
            bytes = writer.bytes
        }
        func descend(_ reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() { try reader.readMessage(tag) { sub throws(WireError) in try descend(&sub) } }
        }
        var reader = WireReader(bytes)
        #expect(throws: WireError.self) { try descend(&reader) }
        do { try descend(&reader) } catch { if case .nestingTooDeep(_, let limit) = error { #expect(limit == 100) } }
    }

    @Test func groupsThatNeverCloseOrCloseWrongAreMalformedOrTruncated() {
        var open = WireReader([0x0B, 0x08, 0x01])  // start group 1, a varint, no end
        #expect(throws: WireError.truncated(offset: 3)) {
            while let tag = try open.nextField() { try open.skip(tag) }
        }
        var wrong = WireReader([0x0B, 0x14])  // start group 1, end group 2
        #expect(throws: WireError.unbalancedGroup(offset: 0, field: 1)) {
            while let tag = try wrong.nextField() { try wrong.skip(tag) }
        }
        var stray = WireReader([0x0C])  // end group without start
        #expect(throws: WireError.unbalancedGroup(offset: 0, field: 1)) {
            while let tag = try stray.nextField() { try stray.skip(tag) }
        }
    }

    @Test func errorsDescribeWhatWasWrong() {
        #expect(WireError.truncated(offset: 4).description.contains("truncated"))
        #expect(WireError.varintTooLong(offset: 0).description.contains("malformed"))
        #expect(!WireError.invalidUTF8(offset: 1, field: 2).isTruncation)
    }
}
