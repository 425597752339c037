import GreeterMessages
import StateFun
import Testing

@Suite struct MessageCodecTests {
    @Test func greetRequestEncodesAsProtobuf() {
        // field 1, length-delimited (0x0a), 5 bytes, "Jerry"
        #expect(GreetRequest(name: "Jerry").serialize() == [0x0a, 0x05, 0x4a, 0x65, 0x72, 0x72, 0x79])
    }

    @Test func greetResponseEncodesBothFieldsInOrder() {
        #expect(
            GreetResponse(name: "Al", greeting: "Hi").serialize() == [0x0a, 0x02, 0x41, 0x6c, 0x12, 0x02, 0x48, 0x69])
    }

    @Test func seenCountEncodesAsVarint() {
        #expect(SeenCount(seen: 300).serialize() == [0x08, 0xac, 0x02])
        #expect(SeenCount(seen: 0).serialize() == [], "proto3 leaves a zero out")
    }

    @Test func messagesRoundTrip() throws {
        #expect(try GreetRequest.deserialize(from: GreetRequest(name: "Élaine ☕").serialize()).name == "Élaine ☕")
        let response = GreetResponse(name: "Kramer", greeting: "Welcome Kramer")
        #expect(try GreetResponse.deserialize(from: response.serialize()) == response)
        #expect(try SeenCount.deserialize(from: SeenCount(seen: Int64.max).serialize()).seen == Int64.max)
    }

    @Test func unknownFieldsAreSkipped() throws {
        // GreetRequest with an extra varint field 2 = 7 and an extra string field 9 = "x".
        let bytes: [UInt8] = [0x10, 0x07, 0x0a, 0x03, 0x41, 0x6e, 0x6e, 0x4a, 0x01, 0x78]
        #expect(try GreetRequest.deserialize(from: bytes).name == "Ann")
    }

    @Test func truncatedBytesFailToDecode() {
        #expect(throws: StateFunError.self) { try GreetRequest.deserialize(from: [0x0a, 0x05, 0x4a]) }
    }

    @Test func typenamesAreTheWalkthroughs() {
        #expect(GreetRequest.typeName.description == "com.googleapis/example.GreetRequest")
        #expect(GreetResponse.typeName.description == "com.googleapis/example.GreetResponse")
        #expect(SeenCount.typeName.description == "com.googleapis/example.SeenCount")
    }
}
