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

    /// An Any holding `message` (as protobuf's `Pack`).
    static func pack(_ message: some ProtobufMessage, url: String? = nil) throws -> Google_Protobuf_Any {
        var any = Google_Protobuf_Any()
        any.typeURL = url ?? "type.googleapis.com/" + type(of: message).messageName
        any.value = try message.serialize()
        return any
    }

    @Test func anAnyIsItsMessagesObjectWithTheTypeFirstWhenTheTypeIsRegistered() throws {
        var nested = Foo_BarBaz_AllTypes.Nested()
        nested.urlID = "x"
        let any = try Self.pack(nested)
        let options = ProtoJSONOptions(typeRegistry: ProtoTypeRegistry([Foo_BarBaz_AllTypes.Nested.self]))
        let json = try any.jsonString(options: options)
        #expect(json == #"{"@type":"type.googleapis.com/foo.bar_baz.AllTypes.Nested","urlId":"x"}"#)
        #expect(try Google_Protobuf_Any(jsonString: json, options: options) == any)
        // The member order does not matter when reading, and any host prefix resolves by the name after the last /.
        let reordered = try Google_Protobuf_Any(
            jsonString: #"{"url_id":"x","@type":"example.com/a/foo.bar_baz.AllTypes.Nested"}"#, options: options)
        #expect(reordered.value == any.value && reordered.typeURL == "example.com/a/foo.bar_baz.AllTypes.Nested")
        // An empty message has only its type; an Any with nothing set is {}.
        #expect(try Self.pack(Foo_BarBaz_AllTypes.Nested()).jsonString(options: options)
                == #"{"@type":"type.googleapis.com/foo.bar_baz.AllTypes.Nested"}"#)
        #expect(try Google_Protobuf_Any().jsonString() == "{}")
        #expect(try Google_Protobuf_Any(jsonString: "{}") == Google_Protobuf_Any())
    }

    @Test func anAnyHoldingAWellKnownTypeWithASpecialFormPutsItInValue() throws {
        var d = Google_Protobuf_Duration()
        d.seconds = 3
        let any = try Self.pack(d)
        let json = try any.jsonString()
        #expect(json == #"{"@type":"type.googleapis.com/google.protobuf.Duration","value":"3s"}"#)
        #expect(try Google_Protobuf_Any(jsonString: json) == any)
        // Any in Any: the inner one is the outer one's value; Empty is an ordinary message.
        let outer = try Self.pack(any)
        #expect(try outer.jsonString() == #"{"@type":"type.googleapis.com/google.protobuf.Any","value":"# + json + "}")
        #expect(try Google_Protobuf_Any(jsonString: try outer.jsonString()) == outer)
        #expect(try Self.pack(Google_Protobuf_Empty()).jsonString() == #"{"@type":"type.googleapis.com/google.protobuf.Empty"}"#)
    }

    @Test func anAnyOfAnUnknownTypeIsAnErrorNamingTheTypeURL() throws {
        var nested = Foo_BarBaz_AllTypes.Nested()
        nested.urlID = "x"
        let any = try Self.pack(nested)
        #expect { try any.jsonString() } throws: { "\($0)".contains("type.googleapis.com/foo.bar_baz.AllTypes.Nested") }
        #expect { try Google_Protobuf_Any(jsonString: #"{"@type":"x/no.Such","a":1}"#) } throws: { "\($0)".contains("x/no.Such") }
        #expect(throws: WireError.self) { try Google_Protobuf_Any(jsonString: #"{"a":1}"#) }
        #expect(throws: WireError.self) { try Google_Protobuf_Any(jsonString: #"{"@type":"x/google.protobuf.Duration"}"#) }
    }

    @Test func anAnyInsideAMessageUsesTheOptionsOfTheWholeMessage() throws {
        var m = Foo_BarBaz_AllTypes()
        m.i32 = 1
        var inner = Foo_BarBaz_AllTypes()
        inner.i32 = 2
        var nested = Foo_BarBaz_AllTypes.Nested()
        nested.urlID = "deep"
        inner.m = ["k": 3]
        m.recursive = inner
        let holder = try Self.pack(m)
        let options = ProtoJSONOptions(typeRegistry: ProtoTypeRegistry([Foo_BarBaz_AllTypes.self]))
        let json = try holder.jsonString(options: options)
        #expect(json == #"{"@type":"type.googleapis.com/foo.bar_baz.AllTypes","i32":1,"recursive":{"i32":2,"m":{"k":"3"}}}"#)
        #expect(try Google_Protobuf_Any(jsonString: json, options: options) == holder)
    }

    @Test func aChainOfAnysDeeperThanTheLimitHasNoJSONForm() throws {
        var any = try Self.pack(Google_Protobuf_Empty())
        for _ in 0..<150 { any = try Self.pack(any) }
        #expect { try any.jsonString() } throws: { "\($0)".contains("deeper") }
    }
}
