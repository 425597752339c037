import StateFunWire
import Testing

/// The writer's buffer management (reuse, hand-over, runs) and the reader's in-place access: the parts the
/// request handler's hot path relies on, checked against the plain field-by-field forms.
@Suite struct WireBufferTests {
    @Test func takeBytesHandsOverExactlyWhatWasWrittenAndEmptiesTheWriter() {
        var writer = WireWriter(capacity: 64)
        writer.writeString(1, "abc")
        #expect(writer.takeBytes() == [0x0A, 0x03, 0x61, 0x62, 0x63])
        #expect(writer.count == 0)
        writer.writeBool(2, true)
        #expect(writer.bytes == [0x10, 0x01])
    }

    @Test func aReusedBufferStartsEmptyWhateverItHeld() {
        var first = WireWriter(capacity: 8)
        first.writeString(1, "old contents that fill the buffer")
        var second = WireWriter(reusing: first.takeStorage())
        #expect(second.count == 0)
        second.writeInt32(3, 5)
        #expect(second.bytes == [0x18, 0x05])
        #expect(first.count == 0 && first.bytes.isEmpty)
    }

    @Test func writtenBytesIsASnapshotThatLaterWritesDoNotChange() {
        var writer = WireWriter(capacity: 4)
        writer.writeString(1, "a")
        let snapshot = writer.writtenBytes
        writer.removeAll()
        writer.writeString(1, "zz")
        #expect(Array(snapshot) == [0x0A, 0x01, 0x61])
        #expect(writer.bytes == [0x0A, 0x02, 0x7A, 0x7A])
    }

    @Test func aCopiedWriterIsIndependent() {
        var writer = WireWriter(capacity: 64)
        writer.writeString(1, "shared")
        var copy = writer
        copy.writeBool(2, true)
        writer.writeBool(3, true)
        #expect(writer.bytes.suffix(2) == [0x18, 0x01])
        #expect(copy.bytes.suffix(2) == [0x10, 0x01])
    }

    @Test func writeRawOfAnotherWriterAppendsItsBytes() {
        var inner = WireWriter()
        inner.writeString(1, "x")
        var outer = WireWriter(capacity: 0)
        outer.writeBool(1, true)
        outer.writeRaw(inner)
        #expect(outer.bytes == [0x08, 0x01, 0x0A, 0x01, 0x78])
    }

    @Test(arguments: [0, 7, 8, 9, 16, 17, 63, 64, 65, 300])
    func stringsOfEveryLengthAreCopiedWhole(length: Int) {
        let text = String((0..<length).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
        var writer = WireWriter(capacity: 0)
        writer.writeString(5, text, presence: .explicit)
        let expected = [0x2A] + varint(UInt64(length)) + Array(text.utf8)
        #expect(writer.bytes == expected)
    }

    /// Short copies take a different path per size (1, 2-3, 4-7, 8-16, 17-32 bytes, longer): every size, from
    /// every offset of a slice, through the writer and through a run.
    @Test func bytesOfEverySizeFromEveryOffsetAreCopiedExactly() {
        let all = (0..<120).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for count in 0...72 {
            for offset in 0..<8 {
                let source = all[offset..<(offset + count)]
                var writer = WireWriter(capacity: 0)
                writer.writeBytes(3, source, presence: .explicit)
                let expected = [0x1A] + varint(UInt64(count)) + Array(source)
                #expect(writer.bytes == expected, "\(count) bytes from offset \(offset)")
                var run = WireWriter(capacity: 0)
                let text = String(decoding: source.map { $0 & 0x7F | 0x20 }, as: UTF8.self)
                run.writeRun(reserving: count + 16) { $0.writeString(3, text) }
                let expectedText = count == 0 ? [] : [0x1A] + varint(UInt64(count)) + Array(text.utf8)
                #expect(run.bytes == expectedText, "a run's \(count)-byte string")
            }
        }
    }

    @Test func aRunWritesTheSameBytesAsFieldByFieldWrites() {
        var plain = WireWriter()
        let outer = plain.beginLengthDelimited(2)
        plain.writeString(1, "example")
        plain.writeString(2, "")
        plain.writeBool(3, true)
        plain.writeBool(4, false)
        let inner = plain.beginLengthDelimited(5)
        plain.writeString(1, "payload")
        plain.endLengthDelimited(inner)
        plain.endLengthDelimited(outer)

        var fused = WireWriter(capacity: 0)
        var marks = (WireWriter.Mark.none, WireWriter.Mark.none)
        fused.writeRun(reserving: 64) { run in
            marks.0 = run.beginLengthDelimited(2)
            run.writeString(1, "example")
            run.writeString(2, "")
            run.writeBool(3, true)
            run.writeBool(4, false)
            marks.1 = run.beginLengthDelimited(5)
        }
        fused.writeString(1, "payload")
        fused.endLengthDelimited(marks.1)
        fused.endLengthDelimited(marks.0)
        #expect(fused.bytes == plain.bytes)
    }

    @Test func aRunThatNeedsMoreRoomThanReservedIsWrittenAgainWhole() {
        let long = String(repeating: "n", count: 500)
        var writer = WireWriter(capacity: 0)
        writer.writeBool(9, true)
        var runs = 0
        writer.writeRun(reserving: 1) { run in
            runs += 1
            run.writeString(1, long)
            run.writeVarint(300)
        }
        #expect(runs >= 2)
        #expect(writer.bytes == [0x48, 0x01, 0x0A] + varint(500) + Array(long.utf8) + varint(300))
    }

    @Test func varintSizesMatchTheEncoding() {
        for value: UInt64 in [0, 1, 127, 128, 16_383, 16_384, 1 << 35, .max] {
            #expect(WireWriter.varintSize(value) == varint(value).count)
        }
    }

    @Test(arguments: [0, 1, 100, 127, 128, 200, 20_000])
    func nestedLengthsAreRightOnBothSidesOfTheOneByteBoundary(size: Int) throws {
        var writer = WireWriter()
        let outer = writer.beginLengthDelimited(1)
        let middle = writer.beginLengthDelimited(2)
        let inner = writer.beginLengthDelimited(3)
        writer.writeRaw([UInt8](repeating: 7, count: size))
        writer.endLengthDelimited(inner, presence: .implicit)
        writer.endLengthDelimited(middle)
        writer.endLengthDelimited(outer)

        var reader = WireReader(writer.bytes)
        let tag = try #require(try reader.nextField())
        let innerCount = try reader.readMessage(tag) { (m: inout WireReader) throws(WireError) -> Int in
            guard let t = try m.nextField() else { return -1 }
            return try m.readMessage(t) { (i: inout WireReader) throws(WireError) -> Int in
                guard let v = try i.nextField() else { return 0 }  // an empty inner field is left out
                return try i.readBytes(v).count
            }
        }
        #expect(innerCount == size)
        #expect(reader.isAtEnd)
    }

    @Test func aReaderOverASliceReadsInPlaceAndReportsOffsetsOfTheWholeBuffer() throws {
        let whole: [UInt8] = [0xFF, 0xFF, 0x0A, 0x02, 0x68, 0x69, 0x10, 0x01]
        var reader = WireReader(whole[2...])
        let tag = try #require(try reader.nextField())
        #expect(try reader.readStringRange(tag) == 4..<6)
        let next = try #require(try reader.nextField())
        #expect(try reader.readBool(next))
        #expect(try reader.nextField() == nil)

        var truncated = WireReader(whole[2..<5])
        let field = try #require(try truncated.nextField())
        #expect(throws: WireError.truncated(offset: 5)) { _ = try truncated.readString(field) }
    }

    @Test func readStringRangeRejectsInvalidUTF8AndReadBytesRangeDoesNot() throws {
        let bytes: [UInt8] = [0x0A, 0x02, 0xC3, 0x28]
        var strings = WireReader(bytes)
        let tag = try #require(try strings.nextField())
        #expect(throws: WireError.self) { _ = try strings.readStringRange(tag) }
        var raw = WireReader(bytes)
        let same = try #require(try raw.nextField())
        #expect(try raw.readBytesRange(same) == 2..<4)
    }

    @Test func anEmbeddedMessageBodyIsLimitedToItsBytesAndReadingContinuesAfterIt() throws {
        var writer = WireWriter()
        writer.writeMessage(1) { inner in
            inner.writeInt32(1, 5)
            inner.writeInt32(2, 6)
        }
        writer.writeInt32(2, 7)
        var reader = WireReader(writer.bytes)
        var seen: [Int32] = []
        while let tag = try reader.nextField() {
            if tag.number == 1 {
                // Read only the first field; the rest of the message is skipped.
                seen.append(try reader.readMessage(tag) { (m: inout WireReader) throws(WireError) -> Int32 in
                    guard let t = try m.nextField() else { return -1 }
                    return try m.readInt32(t)
                })
            } else {
                seen.append(try reader.readInt32(tag))
            }
        }
        #expect(seen == [5, 7])
    }

    @Test func utf8ValidationFollowsRFC3629AcrossEightByteChunks() {
        func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } }
        let ascii = Array("abcdefgh12345678xyz".utf8)
        #expect(valid(ascii))
        #expect(valid(ascii + Array("é€😀".utf8)))
        #expect(!valid(Array(ascii.prefix(9)) + [0x80]))  // a continuation byte on its own, after a chunk
        #expect(!valid(Array(ascii.prefix(8)) + [0xC0, 0xAF]))  // overlong
        #expect(!valid([0xED, 0xA0, 0x80]))  // a surrogate
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!valid([0xE2, 0x82]))  // cut short
        let text = "Grüße, 世界".utf8.map { $0 }
        #expect(text.withUnsafeBufferPointer { UTF8Validation.string($0) } == "Grüße, 世界")
    }

    private func varint(_ value: UInt64) -> [UInt8] {
        var writer = WireWriter()
        writer.writeVarint(value)
        return writer.bytes
    }
}
