import StateFunWire
import Testing

@Suite struct WireRoundTripTests {
    static let int32Cases: [Int32] = [0, 1, -1, 127, 128, 300, .max, .min]
    static let int64Cases: [Int64] = [0, 1, -1, 1 << 40, .max, .min]
    static let uint64Cases: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, 1 << 35, .max]

    private func read<T>(_ bytes: [UInt8], _ body: (FieldTag, inout WireReader) throws(WireError) -> T) throws -> T? {
        var reader = WireReader(bytes)
        var value: T?
        while let tag = try reader.nextField() { value = try body(tag, &reader) }
        return value
    }

    @Test(arguments: int32Cases)
    func int32RoundTripsThroughEveryEncoding(value: Int32) throws {
        var writer = WireWriter()
        writer.writeInt32(1, value, presence: .explicit)
        #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readInt32(tag) } == value)
        writer = WireWriter()
        writer.writeSInt32(1, value, presence: .explicit)
        #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readSInt32(tag) } == value)
        writer = WireWriter()
        writer.writeSFixed32(1, value, presence: .explicit)
        #expect(writer.bytes.count == 5)
        #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readSFixed32(tag) } == value)
    }

    @Test func negativeInt32TakesTenBytesAsProtobufRequires() {
        var writer = WireWriter()
        writer.writeInt32(1, -1)
        #expect(writer.bytes == [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    @Test(arguments: int64Cases)
    func int64RoundTripsThroughEveryEncoding(value: Int64) throws {
        var writer = WireWriter()
        writer.writeInt64(2, value, presence: .explicit)
        #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readInt64(tag) } == value)
        writer = WireWriter()
        writer.writeSInt64(2, value, presence: .explicit)
        #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readSInt64(tag) } == value)
        writer = WireWriter()
        writer.writeSFixed64(2, value, presence: .explicit)
        #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readSFixed64(tag) } == value)
    }

    @Test(arguments: uint64Cases)
    func varintRoundTripsAtSizeBoundaries(value: UInt64) throws {
        var writer = WireWriter()
        writer.writeVarint(value)
        let expectedSize = value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
        #expect(writer.bytes.count == expectedSize)
        var reader = WireReader(writer.bytes)
        #expect(try reader.readVarint() == value)
        #expect(reader.isAtEnd)
    }

    @Test func zigZagMapsSmallMagnitudesToSmallNumbers() {
        #expect(ZigZag.encode(Int32(0)) == 0)
        #expect(ZigZag.encode(Int32(-1)) == 1)
        #expect(ZigZag.encode(Int32(1)) == 2)
        #expect(ZigZag.encode(Int32.min) == UInt32.max)
        #expect(ZigZag.decode(ZigZag.encode(Int64.min)) == Int64.min)
    }

    @Test func floatsKeepNaNAndInfinitiesAndImplicitPresenceOmitsNegativeZero() throws {
        for value: Float in [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -1e-4] {
            var writer = WireWriter()
            writer.writeFloat(1, value)
            let back = try read(writer.bytes) { tag, r throws(WireError) in try r.readFloat(tag) }
            #expect(back?.bitPattern == value.bitPattern)
        }
        for value: Double in [.nan, .infinity, -.infinity, .leastNonzeroMagnitude] {
            var writer = WireWriter()
            writer.writeDouble(1, value)
            let back = try read(writer.bytes) { tag, r throws(WireError) in try r.readDouble(tag) }
            #expect(back?.bitPattern == value.bitPattern)
        }
        var writer = WireWriter()
        writer.writeFloat(1, -0.0)
        writer.writeDouble(2, -0.0)
        #expect(writer.bytes.isEmpty, "proto3 implicit presence omits -0.0 as the Python SDK's runtime does")
        writer.writeDouble(2, -0.0, presence: .explicit)
        let back = try read(writer.bytes) { tag, r throws(WireError) in try r.readDouble(tag) }
        #expect(back?.sign == .minus)
    }

    @Test func stringsRoundTripIncludingEmptyAndNonASCII() throws {
        for value in ["", "ann", "Grüße", "日本語", "👩‍💻 emoji", "\u{0}nul", String(repeating: "x", count: 300)] {
            var writer = WireWriter()
            writer.writeString(3, value, presence: .explicit)
            #expect(try read(writer.bytes) { tag, r throws(WireError) in try r.readString(tag) } == value)
        }
    }

    @Test func defaultsAreOmittedAndFieldsKeepTheirOrder() {
        var writer = WireWriter()
        writer.writeString(1, "")
        writer.writeInt64(2, 0)
        writer.writeBool(3, false)
        writer.writeBytes(4, [UInt8]())
        writer.writeFixed32(5, 0)
        #expect(writer.bytes.isEmpty)
        writer.writeString(1, "a")
        writer.writeBool(3, true)
        #expect(writer.bytes == [0x0A, 0x01, 0x61, 0x18, 0x01])
    }

    @Test func nestedMessageLengthsAreRightAcrossTheOneByteBoundary() throws {
        for size in [0, 1, 126, 127, 128, 129, 16_383, 16_384, 70_000] {
            var writer = WireWriter()
            writer.writeMessage(7) { inner in inner.writeBytes(1, [UInt8](repeating: 0xAB, count: size)) }
            writer.writeBool(8, true)
            var reader = WireReader(writer.bytes)
            var innerCount = -1
            var sawTrailer = false
            while let tag = try reader.nextField() {
                switch tag.number {
                case 7:
                    innerCount = try reader.readMessage(tag) { sub throws(WireError) in
                        var count = 0
                        while let t = try sub.nextField() { count = try sub.readBytes(t).count }
                        return count
                    }
                case 8: sawTrailer = try reader.readBool(tag)
                default: try reader.skip(tag)
                }
            }
            #expect(innerCount == size)
            #expect(sawTrailer)
        }
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        var writer = WireWriter()
        writer.writeUInt64(1, 300)
        writer.writeFixed64(2, 9)
        writer.writeBytes(3, [1, 2, 3])
        writer.writeKey(4, .startGroup)
        writer.writeUInt64(1, 1)
        writer.writeKey(4, .endGroup)
        writer.writeFixed32(5, 7)
        writer.writeString(9, "kept")
        #expect(try read(writer.bytes) { tag, r throws(WireError) -> String? in
            if tag.number == 9 { return try r.readString(tag) }
            try r.skip(tag)
            return nil
        } == Optional(Optional("kept")))
    }
}
