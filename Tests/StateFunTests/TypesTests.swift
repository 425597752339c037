import StateFun
import Testing
import StateFunProtocol

@Suite struct TypesTests {
    @Test func builtInTypesUseTheExact3xWrapperEncodings() throws {
        #expect(Int32(1).serialize() == [0x0D, 0x01, 0x00, 0x00, 0x00])
        #expect(Int32(-1).serialize() == [0x0D, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Int64(1 << 40).serialize() == [0x09, 0, 0, 0, 0, 0, 0x01, 0, 0])
        #expect(true.serialize() == [0x08, 0x01])
        #expect("hi".serialize() == [0x0A, 0x02, 0x68, 0x69])
        #expect(Double(0.25).serialize() == [0x09, 0, 0, 0, 0, 0, 0, 0xD0, 0x3F])
        for zero in [Int32(0).serialize(), Int64(0).serialize(), false.serialize(), "".serialize(),
            Float(0).serialize(), Double(0).serialize()]
        {
            #expect(zero.isEmpty, "zero values encode to zero bytes")
        }
    }

    @Test func builtInTypesRoundTripAtTheirBounds() throws {
        for v: Int32 in [0, 1, -1, 1_048_576, .max, .min] { #expect(try Int32.deserialize(from: v.serialize()) == v) }
        for v: Int64 in [0, -1, .max, .min] { #expect(try Int64.deserialize(from: v.serialize()) == v) }
        for v: Float in [.greatestFiniteMagnitude, .leastNonzeroMagnitude, 2.1459, -1e4] {
            #expect(try Float.deserialize(from: v.serialize()) == v)
        }
        for v in ["", "Hello world", "ünïcödé ✓"] { #expect(try String.deserialize(from: v.serialize()) == v) }
        #expect(try Bool.deserialize(from: true.serialize()))
        #expect(try Double.deserialize(from: Double.nan.serialize()).isNaN)
    }

    @Test func typeNamesSplitAtTheLastSlashAndNeedBothHalves() throws {
        let name = try TypeName(parsing: "type.googleapis.com/example.Greet")
        #expect(name.namespace == "type.googleapis.com")
        #expect(name.name == "example.Greet")
        #expect(try TypeName(parsing: "a/b/c").namespace == "a/b")
        for bad in ["/bar", "n/", "/", "", "noslash"] {
            #expect(throws: StateFunError.self, "\(bad) must be rejected") { try TypeName(parsing: bad) }
            #expect(!TypeName(bad).isValid)
        }
        #expect(TypeName("noslash").description == "noslash")
    }

    @Test func stateNamesFollowTheSDKsIdentifierRule() {
        for good in ["seen", "seen_count", "_x", "A1"] { #expect(AnyValueSpec.nameError(good) == nil) }
        for bad in ["", "bad state name", "123bad_state_name", "bad!_state_name", "-a", "ß"] {
            #expect(AnyValueSpec.nameError(bad) != nil, "\(bad) must be rejected")
        }
    }

    @Test func expirationsTruncateToMilliseconds() {
        #expect(Expiration.afterCall(.seconds(1)).milliseconds == 1000)
        #expect(Expiration.afterWrite(.microseconds(1500)).milliseconds == 1)
        #expect(Expiration.none.milliseconds == 0)
        #expect(Duration.seconds(Int64.max).statefunMilliseconds == .max)
    }

    @Test func kafkaValuesFollowKafkasSerializers() throws {
        #expect(try EgressValue.int(7).bytes(TypedValueCodec.self, kinesis: false) == [0, 0, 0, 7])
        #expect(try EgressValue.int(-2).bytes(TypedValueCodec.self, kinesis: false) == [0xFF, 0xFF, 0xFF, 0xFE])
        #expect(try EgressValue.double(1.5).bytes(TypedValueCodec.self, kinesis: false) == [0x3F, 0xF8, 0, 0, 0, 0, 0, 0])
        #expect(try EgressValue.string("é").bytes(TypedValueCodec.self, kinesis: false) == [0xC3, 0xA9])
        #expect(try EgressValue.typed("a").bytes(TypedValueCodec.self, kinesis: false) == [0x0A, 0x01, 0x61])
        #expect(throws: StateFunError.self) { try EgressValue.int(1).bytes(TypedValueCodec.self, kinesis: true) }
    }

    @Test func v2CarriesBuiltInsAsGoogleProtobufWrappers() throws {
        let message = try Message(Int32(300), protocolVersion: .v2)
        #expect(message.typeName == "type.googleapis.com/google.protobuf.Int32Value")
        #expect(message.bytes == [0x08, 0xAC, 0x02], "Int32Value is a varint on 2.x")
        #expect(try message.decode(Int32.self) == 300)
        let routed = Message(typeName: "com.googleapis/google.protobuf.StringValue", bytes: "x".serialize(), protocolVersion: .v2)
        #expect(routed.is(String.self), "2.x matches the type URL's last segment only")
    }

    @Test func messagesDecodeOnlyAsTheirOwnType() throws {
        let message = try Message("hello")
        #expect(message.is(String.self))
        #expect(!message.is(Int32.self))
        #expect(try message.decode(String.self) == "hello")
        #expect(throws: StateFunError.self) { try message.decode(Int32.self) }
        #expect(throws: StateFunError.self) { try Message(typeName: "io.statefun.types/string", bytes: nil).decode(String.self) }
    }
}
