import StateFun
import StateFunWire
import Testing

/// The generated codecs of Fixtures/protos/coverage{2,3}.proto (compiled into this target from Generated/).
@Suite struct GeneratedCodecTests {
    func sample() -> Foo_BarBaz_AllTypes {
        var m = Foo_BarBaz_AllTypes()
        m.d = -1.5
        m.f = 2.25
        m.i32 = -7
        m.i64 = Int64.min
        m.u32 = UInt32.max
        m.u64 = UInt64.max
        m.s32 = -3
        m.s64 = 1 << 40
        m.fx32 = 9
        m.fx64 = 10
        m.sf32 = -11
        m.sf64 = -12
        m.b = true
        m.s = "héllo"
        m.by = [0, 255]
        m.optI32 = 0
        m.repI32 = [1, -1, 300]
        m.repS = ["a", ""]
        m.m = ["z": 1, "a": -2]
        var nested = Foo_BarBaz_AllTypes.Nested()
        nested.urlID = "u"
        m.mm = [5: nested, -1: .init()]
        m.nested = nested
        m.color = .red
        m.colors = [.greenBlue, .UNRECOGNIZED(77)]
        m.child = nested
        var inner = Foo_BarBaz_AllTypes()
        inner.s = "deeper"
        m.recursive = inner
        var when = Google_Protobuf_Timestamp()
        when.seconds = 1_700_000_000
        when.nanos = 5
        m.when = when
        m.repD = [0, -0.0, .infinity]
        return m
    }

    @Test func everyFieldKindRoundTrips() throws {
        let m = sample()
        let bytes = m.serialize()
        let decoded = try Foo_BarBaz_AllTypes.deserialize(from: bytes)
        #expect(decoded == m)
        #expect(decoded.serialize() == bytes)
        #expect(decoded.hasOptI32 && decoded.optI32 == 0)
        #expect(decoded.colors == [.greenBlue, .UNRECOGNIZED(77)])
    }

    @Test func defaultsAreOmittedAndFieldsComeInNumberOrder() {
        #expect(Foo_BarBaz_AllTypes().serialize() == [])
        var m = Foo_BarBaz_AllTypes()
        m.s = "x"
        m.i32 = 1
        // field 3 (varint 1) before field 14 (string "x"); proto3 packs repeated scalars.
        m.repI32 = [1, 2]
        #expect(m.serialize() == [0x18, 0x01, 0x72, 0x01, 0x78, 0x8A, 0x01, 0x02, 0x01, 0x02])
    }

    @Test func packedAndUnpackedRepeatedFieldsBothDecode() throws {
        // field 17 unpacked twice, then packed once.
        let bytes: [UInt8] = [0x88, 0x01, 0x05, 0x88, 0x01, 0x06, 0x8A, 0x01, 0x02, 0x07, 0x08]
        let m = try Foo_BarBaz_AllTypes.deserialize(from: bytes)
        #expect(m.repI32 == [5, 6, 7, 8])
    }

    @Test func unknownFieldsAreKeptAndWrittenAfterKnownOnes() throws {
        // field 100 (varint 1), then field 3 = 2.
        let bytes: [UInt8] = [0xA0, 0x06, 0x01, 0x18, 0x02]
        let m = try Foo_BarBaz_AllTypes.deserialize(from: bytes)
        #expect(m.i32 == 2)
        #expect(m.serialize() == [0x18, 0x02, 0xA0, 0x06, 0x01])
    }

    @Test func badInputThrowsAnErrorNamingMessageAndField() throws {
        // field 14 (string) with invalid UTF-8.
        let badUTF8: [UInt8] = [0x72, 0x01, 0xFF]
        #expect(throws: StateFunError.self) { try Foo_BarBaz_AllTypes.deserialize(from: badUTF8) }
        var reader = WireReader(badUTF8)
        do {
            _ = try Foo_BarBaz_AllTypes(from: &reader)
            Issue.record("decoded invalid UTF-8")
        } catch {
            guard case .inField(let message, let field, .invalidUTF8) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message == "foo.bar_baz.AllTypes" && field == "s")
        }
        // field 14 (a string) as a varint: an unknown field, kept and written back (as upb, C++ and swift-protobuf do).
        let mismatched = try Foo_BarBaz_AllTypes.deserialize(from: [0x70, 0x01])
        #expect(mismatched.s == "" && mismatched.serialize() == [0x70, 0x01])
        // truncated nested message.
        #expect(throws: StateFunError.self) { try Foo_BarBaz_AllTypes.deserialize(from: [0xAA, 0x01, 0x05, 0x0A]) }
    }

    @Test func nestingIsDepthLimited() {
        // 200 nested `recursive` fields (27, length-delimited): deeper than WireReader's default 100.
        var bytes: [UInt8] = []
        for _ in 0..<200 { bytes = [0xDA, 0x01] + varint(bytes.count) + bytes }
        var reader = WireReader(bytes)
        do {
            _ = try Foo_BarBaz_AllTypes(from: &reader)
            Issue.record("decoded 200 levels")
        } catch {
            #expect(error.description.contains("nested deeper than 100"))
        }
    }

    func varint(_ n: Int) -> [UInt8] {
        var v = UInt64(n)
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    @Test func proto2PresenceDefaultsAndClosedEnums() throws {
        var m = Cov2_Legacy()
        #expect(m.name == "hi\n" && !m.hasName)
        #expect(m.kind == .b && m.ratio == -.infinity && m.blob == [1, 2])
        m.id = 0
        m.name = ""
        let bytes = m.serialize()
        // required and optional fields are written even when they hold zero values.
        #expect(bytes == [0x08, 0x00, 0x12, 0x00])
        let decoded = try Cov2_Legacy.deserialize(from: bytes)
        #expect(decoded.hasName && decoded.name == "")
        // kind = 9 is not a value of the closed enum: kept as an unknown field.
        let unknownKind = try Cov2_Legacy.deserialize(from: [0x08, 0x01, 0x18, 0x09])
        #expect(!unknownKind.hasKind && unknownKind.serialize() == [0x08, 0x01, 0x18, 0x09])
        // proto2 repeated scalars are unpacked unless [packed = true].
        var r = Cov2_Legacy()
        r.id = 1
        r.nums = [1, 2]
        r.unpacked = [-1, 1]
        #expect(r.serialize() == [0x08, 0x01, 0x2A, 0x02, 0x01, 0x02, 0x30, 0x01, 0x30, 0x02])
    }

    @Test func missingRequiredFieldsAreRejected() {
        #expect(throws: StateFunError.self) { try Cov2_Legacy.deserialize(from: [0x12, 0x00]) }
        // child (field 9) without its id: the nested message is checked too.
        #expect(throws: StateFunError.self) { try Cov2_Legacy.deserialize(from: [0x08, 0x01, 0x4A, 0x00]) }
    }

    @Test func requiredFieldsAreCheckedAfterSplitRecordsMerge() throws {
        // child (field 9) in two records: the first has name only, the second the required id.
        let m = try Cov2_Legacy.deserialize(from: [0x08, 0x01, 0x4A, 0x02, 0x12, 0x00, 0x4A, 0x02, 0x08, 0x05])
        #expect(m.child.id == 5 && m.child.hasName)
    }

    @Test func aClosedEnumsUnknownNumberIsKeptWithAllItsBits() throws {
        // kind (field 3) = -1 as a 10-byte varint: not a value of Kind, kept as it came.
        let bytes: [UInt8] = [0x08, 0x01, 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        #expect(try Cov2_Legacy.deserialize(from: bytes).serialize() == bytes)
    }

    @Test func aMapEntryWithAnUndefinedClosedEnumValueBecomesAnUnknownField() throws {
        // kinds_by_name (field 10) = {"a": B, "b": 7}: 7 is not a value of the closed enum Kind, so the whole
        // entry goes to the unknown fields (as upb does) and the map keeps only "a".
        let known: [UInt8] = [0x52, 0x05, 0x0A, 0x01, 0x61, 0x10, 0x02]
        let undefined: [UInt8] = [0x52, 0x05, 0x0A, 0x01, 0x62, 0x10, 0x07]
        let m = try Cov2_Legacy.deserialize(from: [0x08, 0x01] + undefined + known)
        #expect(m.kindsByName == ["a": .b])
        #expect(m.unknownFields.bytes == undefined)
        // Known fields first, then the unknown entry as it was re-encoded.
        #expect(m.serialize() == [0x08, 0x01] + known + undefined)
    }

    @Test func aMovedMapEntryIsReEncodedKeyFirstWithItsUndefinedValuesLast() throws {
        // Entry {value 9, key "k", value 1}: protobuf re-encodes it as key, the last known value, then the
        // undefined value it kept, and leaves the map without "k".
        let m = try Cov2_Legacy.deserialize(from: [0x08, 0x01, 0x52, 0x07, 0x10, 0x09, 0x0A, 0x01, 0x6B, 0x10, 0x01])
        #expect(m.kindsByName.isEmpty)
        #expect(m.unknownFields.bytes == [0x52, 0x07, 0x0A, 0x01, 0x6B, 0x10, 0x01, 0x10, 0x09])
    }

    @Test func nestedTypesNamedLikeSwiftAndRuntimeTypesCompileAndRoundTrip() throws {
        // Foo_BarBaz_Clashes nests types named CaseIterable, Hashable, WireReader, UInt8, merge, any...: that this
        // file compiles is most of the test. `messageName` and `typeName` are renamed (they are generated members).
        var m = Foo_BarBaz_Clashes()
        m.iterable = .one
        m.hashable.x = 3
        m.reader.s = "r"
        var octet = Foo_BarBaz_Clashes.UInt8()
        octet.b = [7]
        m.octets = [octet]
        m.byName = ["z": .one]
        m.anything = .zero
        m.named = Foo_BarBaz_Clashes.messageNameMessage()
        _ = Foo_BarBaz_Clashes.typeNameMessage()
        #expect(Foo_BarBaz_Clashes.CaseIterable.allCases == [.zero, .one])
        let decoded = try Foo_BarBaz_Clashes.deserialize(from: m.serialize())
        #expect(decoded == m)
        #expect(try Foo_BarBaz_Clashes(jsonString: try m.jsonString()) == m)
    }

    @Test func aMapEntryHoldingAFieldItDoesNotKnowBecomesAnUnknownField() throws {
        // m (field 19, map<string, int64>): the entry {"k": 5, field 3 = 1} and the entry {"j" with key as a
        // varint, 6}: both go to the unknown fields re-encoded (key, value, then the unknown fields), as upb does.
        let extra: [UInt8] = [0x9A, 0x01, 0x07, 0x0A, 0x01, 0x6B, 0x10, 0x05, 0x18, 0x01]
        let wrongWireType: [UInt8] = [0x9A, 0x01, 0x04, 0x08, 0x01, 0x10, 0x06]
        let m = try Foo_BarBaz_AllTypes.deserialize(from: extra + wrongWireType)
        #expect(m.m.isEmpty)
        #expect(m.unknownFields.bytes == extra + [0x9A, 0x01, 0x04, 0x10, 0x06, 0x08, 0x01])
        // An entry of known fields only is the map's.
        #expect(try Foo_BarBaz_AllTypes.deserialize(from: [0x9A, 0x01, 0x05, 0x0A, 0x01, 0x6B, 0x10, 0x05]).m == ["k": 5])
    }
}
