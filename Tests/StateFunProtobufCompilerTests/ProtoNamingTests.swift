import Testing
@testable import StateFunProtobufCompiler

@Suite struct ProtoNamingTests {
    @Test func packagesBecomeUpperCamelPrefixes() {
        #expect(ProtoNaming.typePrefix(package: "foo.bar_baz", swiftPrefix: nil) == "Foo_BarBaz_")
        #expect(ProtoNaming.typePrefix(package: "", swiftPrefix: nil) == "")
        #expect(ProtoNaming.typePrefix(package: "example", swiftPrefix: "X") == "X")
    }

    @Test func fieldsAreLowerCamelCaseWithAbbreviationsInCapitals() {
        #expect(ProtoNaming.lowerCamel("user_id") == "userID")
        #expect(ProtoNaming.lowerCamel("url_value") == "urlValue")
        #expect(ProtoNaming.lowerCamel("field_name1") == "fieldName1")
        #expect(ProtoNaming.upperCamel("http_url") == "HTTPURL")
        #expect(ProtoNaming.lowerCamel("FooBar") == "fooBar")
    }

    @Test func reservedNamesAreEscaped() {
        #expect(ProtoNaming.propertyNames("class").property == "`class`")
        #expect(ProtoNaming.propertyNames("description").property == "description_p")
        #expect(ProtoNaming.propertyNames("has_cheese").property == "hasCheese_p")
        #expect(ProtoNaming.messageName("Type") == "TypeMessage")
        #expect(ProtoNaming.enumName("String") == "StringEnum")
    }

    @Test func enumCasesLoseTheEnumNamePrefix() {
        let location = SourceLocation(file: "a.proto", line: 1, column: 1)
        var e = ProtoEnum(name: "Color", location: location)
        e.values = [
            ProtoEnumValue(name: "COLOR_UNSPECIFIED", number: 0, location: location),
            ProtoEnumValue(name: "COLOR_DARK_RED", number: 1, location: location),
            ProtoEnumValue(name: "COLOR_1", number: 2, location: location),
            ProtoEnumValue(name: "default", number: 3, location: location),
        ]
        #expect(ProtoNaming.enumCaseNames(e) == ["unspecified", "darkRed", "color1", "`default`"])
    }

    @Test func jsonNamesFollowProtoc() {
        #expect(ProtoNaming.jsonName("foo_bar_baz") == "fooBarBaz")
        #expect(ProtoNaming.jsonName("url_id") == "urlId")
    }
}
