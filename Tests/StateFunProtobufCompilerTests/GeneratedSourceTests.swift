import Foundation
import Testing
@testable import StateFunProtobufCompiler

/// The generator's output, held to committed files: a small golden, the sources this test target compiles,
/// and the well-known types compiled into StateFun.
@Suite struct GeneratedSourceTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func generate(_ inputs: [String], options: SwiftGenerator.Options = .init(), roots: [String]) throws -> [String: String] {
        var command = try ProtocCommand(arguments: ["--swift_out=unused"] + roots.flatMap { ["-I", $0] } + inputs)
        command.options = options
        return Dictionary(uniqueKeysWithValues: try command.generate().map { ($0.path, $0.source) })
    }

    @Test func aSmallFileMatchesItsGolden() throws {
        let root = CompilerTestSupport.protoRoot()
        let output = try generate([root + "/greet.proto"], roots: [root])
        let golden = try String(contentsOf: CompilerTestSupport.fixtures.appendingPathComponent("greet.pb.swift.golden"), encoding: .utf8)
        #expect(output["greet.pb.swift"] == golden)
    }

    @Test func theCompiledCoverageSourcesAreCurrent() throws {
        let root = CompilerTestSupport.protoRoot()
        let output = try generate([root + "/coverage3.proto", root + "/coverage2.proto"], roots: [root])
        for name in ["coverage3.pb.swift", "coverage2.pb.swift"] {
            let committed = try String(
                contentsOf: Self.packageRoot.appendingPathComponent("Tests/StateFunProtobufCompilerTests/Generated/\(name)"),
                encoding: .utf8)
            #expect(output[name] == committed, "regenerate Tests/StateFunProtobufCompilerTests/Generated/\(name)")
        }
    }

    @Test func theFuzzedMessagesAreCurrent() throws {
        let root = Self.packageRoot.appendingPathComponent("Fuzz/Messages").path
        let output = try generate([root + "/fuzz3.proto", root + "/fuzz2.proto"], roots: [root])
        for name in ["fuzz3.pb.swift", "fuzz2.pb.swift"] {
            let committed = try String(contentsOfFile: root + "/" + name, encoding: .utf8)
            #expect(output[name] == committed, "regenerate Fuzz/Messages/\(name) (Fuzz/README.md)")
        }
    }

    @Test func theWellKnownTypesInStateFunAreCurrent() throws {
        let names = ["any", "timestamp", "duration", "empty", "wrappers", "struct", "field_mask"]
        let output = try generate(
            names.map { "google/protobuf/\($0).proto" }, options: .init(isPublic: true, insideStateFun: true), roots: [])
        for name in names {
            let committed = try String(
                contentsOf: Self.packageRoot.appendingPathComponent("Sources/StateFun/WellKnownTypes/\(name).pb.swift"),
                encoding: .utf8)
            #expect(output["google/protobuf/\(name).pb.swift"] == committed, "run Scripts/generate_well_known_types.sh")
        }
    }

    @Test func outputPathsMirrorImportPaths() throws {
        let result = try CompilerTestSupport.compile(["a/b/c.proto": "syntax = \"proto3\";\nmessage M {}\n"])
        guard case .success(let files) = result else {
            Issue.record("compile failed")
            return
        }
        #expect(Array(files.keys) == ["a/b/c.pb.swift"])
    }
}
