import Testing
@testable import StateFunProtobufCompiler

@Suite struct ProtoDiagnosticsTests {
    @Test func syntaxErrorsNameFileLineAndColumn() throws {
        let problems = try CompilerTestSupport.diagnostics("syntax = \"proto3\";\nmessage A {\n  string name = ;\n}\n")
        #expect(problems == ["a.proto:3:17: expected a field number, found \";\""])
    }

    @Test func unknownTypesAreReportedWhereTheyAreUsed() throws {
        let problems = try CompilerTestSupport.diagnostics("syntax = \"proto3\";\nmessage A {\n  Missing m = 1;\n}\n")
        #expect(problems == ["a.proto:3:3: \"Missing\" is not defined"])
    }

    @Test func theResolverCollectsEveryProblem() throws {
        let problems = try CompilerTestSupport.diagnostics(
            "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  int32 b = 1;\n  required int32 c = 2;\n}\n")
        #expect(problems.count == 2)
        #expect(problems[0].hasPrefix("a.proto:4:9: field number 1 has already been used"))
        #expect(problems[1] == "a.proto:5:18: required fields are not allowed in proto3")
    }

    @Test func groupsAndExtensionsAreNamedNotSkipped() throws {
        let group = try CompilerTestSupport.diagnostics(
            "syntax = \"proto2\";\nmessage A {\n  optional group G = 1 { optional int32 x = 2; }\n}\n")
        #expect(group.count == 1 && group[0].hasPrefix("a.proto:3:12: groups are not supported"))
        let extend = try CompilerTestSupport.diagnostics("syntax = \"proto2\";\nmessage A { extensions 10 to 20; }\nextend A { optional int32 x = 10; }\n")
        #expect(extend == ["a.proto:3:1: extensions (\"extend\") are not supported"])
        let messageSet = try CompilerTestSupport.diagnostics(
            "syntax = \"proto2\";\nmessage S {\n  option message_set_wire_format = true;\n  extensions 4 to max;\n}\n")
        #expect(messageSet == ["a.proto:3:36: message_set_wire_format is not supported (it carries extensions)"])
    }

    @Test func typesOfFilesNotImportedAreRejected() throws {
        let problems = try CompilerTestSupport.diagnostics(
            "syntax = \"proto3\";\npackage p;\nmessage A { q.B b = 1; }\n",
            extra: ["b.proto": "syntax = \"proto3\";\npackage q;\nmessage B {}\n"])
        // b.proto is not loaded at all unless imported.
        #expect(problems == ["a.proto:3:13: \"q.B\" is not defined"])
        let imported = try CompilerTestSupport.diagnostics(
            "syntax = \"proto3\";\npackage p;\nimport \"b.proto\";\nmessage A { q.B b = 1; }\n",
            extra: ["b.proto": "syntax = \"proto3\";\npackage q;\nmessage B {}\n"])
        #expect(imported.isEmpty)
    }

    @Test func proto3EnumsMustStartAtZero() throws {
        let problems = try CompilerTestSupport.diagnostics("syntax = \"proto3\";\nenum E { ONE = 1; }\n")
        #expect(problems == ["a.proto:2:10: the first enum value must be zero in proto3"])
    }

    @Test func missingImportsAreReportedAtTheImport() throws {
        let problems = try CompilerTestSupport.diagnostics("syntax = \"proto3\";\nimport \"nowhere.proto\";\n")
        #expect(problems.count == 1 && problems[0].hasPrefix("a.proto:2:8: nowhere.proto: file not found"))
    }

    @Test func wellKnownTypesAreBuiltIn() throws {
        let problems = try CompilerTestSupport.diagnostics(
            "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage A { google.protobuf.Timestamp at = 1; }\n")
        #expect(problems.isEmpty)
    }
}
