import StateFun
import StateFunWire
import Testing

/// The proto3 JSON mapping of generated messages (https://protobuf.dev/programming-guides/json/).
@Suite struct GeneratedJSONTests {
    @Test func fieldsUseJSONNamesAndTheirSpecialForms() throws {
        var m = Foo_BarBaz_AllTypes()
        m.i64 = -5
        m.u64 = 7
        m.by = [0xFF, 0x00]
        m.d = .nan
        m.f = -.infinity
        m.color = .greenBlue
        m.optI32 = 0
        m.repI32 = [1, 2]
        m.m = ["a": 1]
        var nested = Foo_BarBaz_AllTypes.Nested()
        nested.urlID = "x"
        m.nested = nested
        let json = try m.jsonString()
        #expect(
            json
                == #"{"d":"NaN","f":"-Infinity","i64":"-5","u64":"7","by":"/wA=","optI32":0,"repI32":[1,2],"m":{"a":"1"},"nested":{"urlId":"x"},"color":"COLOR_GREEN_BLUE"}"#
        )
        let back = try Foo_BarBaz_AllTypes(jsonString: json)
        #expect(back.i64 == -5 && back.u64 == 7 && back.by == [0xFF, 0x00] && back.d.isNaN && back.f == -.infinity)
        #expect(back.color == .greenBlue && back.hasOptI32 && back.repI32 == [1, 2] && back.m == ["a": 1])
        #expect(back.nested.urlID == "x")
    }

    @Test func readingAcceptsProtoNamesNumbersAsStringsAndNull() throws {
        let m = try Foo_BarBaz_AllTypes(
            jsonString: #"{"opt_i32": "12", "i32": 3.0, "rep_s": ["a"], "s": null, "color": 2, "url_id": 1}"#
                .replacingOccurrences(of: ", \"url_id\": 1", with: ""))
        #expect(m.optI32 == 12 && m.i32 == 3 && m.repS == ["a"] && m.color == .greenBlue)
    }

    @Test func badJSONIsAnErrorNamingTheField() {
        for text in [#"{"i32": 1.5}"#, #"{"nope": 1}"#, #"{"i32": "x"}"#, #"{"color": "PURPLE"}"#, #"{"s": 1}"#, "[", #"{"i32": 1,}"#] {
            #expect(throws: WireError.self, "\(text)") { try Foo_BarBaz_AllTypes(jsonString: text) }
        }
    }

    @Test func wellKnownTypesHaveTheirSpecialForms() throws {
        var t = Google_Protobuf_Timestamp()
        t.seconds = 63_072_000 + 36_020
        t.nanos = 21_000_000
        #expect(try t.jsonString() == #""1972-01-01T10:00:20.021Z""#)
        #expect(try Google_Protobuf_Timestamp(jsonString: #""1972-01-01T12:00:20.021+02:00""#) == t)
        var d = Google_Protobuf_Duration()
        d.seconds = -1
        d.nanos = -500_000_000
        #expect(try d.jsonString() == #""-1.500s""#)
        #expect(try Google_Protobuf_Duration(jsonString: #""-1.5s""#) == d)
        var mask = Google_Protobuf_FieldMask()
        mask.paths = ["user.display_name", "photo"]
        #expect(try mask.jsonString() == #""user.displayName,photo""#)
        #expect(try Google_Protobuf_FieldMask(jsonString: #""user.displayName,photo""#) == mask)
        let s = try Google_Protobuf_Struct(jsonString: #"{"a": [1, "x", null, true, {"b": {}}]}"#)
        #expect(try s.jsonString() == #"{"a":[1.0,"x",null,true,{"b":{}}]}"#)
        var w = Google_Protobuf_Int64Value()
        w.value = 5
        #expect(try w.jsonString() == #""5""#)
    }

    @Test func aTimestampOutOfRangeHasNoJSONForm() {
        var t = Google_Protobuf_Timestamp()
        t.seconds = 253_402_300_800
        #expect(throws: WireError.self) { try t.jsonString() }
    }
}
