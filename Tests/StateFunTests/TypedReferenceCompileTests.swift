#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import Testing

/// Typed function references at compile time: the fixtures in `Fixtures/typecheck` are type-checked by `swiftc`
/// against the StateFun module this test binary was built with (see `IntegerLiteralTypecheckTests.typecheck`).
@Suite("Typed function references, at compile time")
struct TypedReferenceCompileTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/typecheck/\(name)", withExtension: "swift"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// `snippet.swift:LINE:COLUMN: error: MESSAGE` lines of swiftc's output, by line.
    static func errors(_ output: String) -> [Int: [String]] {
        var errors: [Int: [String]] = [:]
        for line in output.split(separator: "\n") {
            guard let match = line.firstMatch(of: /snippet\.swift:([0-9]+):[0-9]+: error: (.*)/), let number = Int(match.1)
            else { continue }
            errors[number, default: []].append(String(match.2))
        }
        return errors
    }

    /// Lines of `source` with code that end in `// MARKER: TEXT`, with TEXT.
    static func marked(_ source: String, _ marker: String) -> [Int: String] {
        var marked: [Int: String] = [:]
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingPrefix(while: \.isWhitespace).hasPrefix("//"), let range = line.range(of: "// \(marker): ")
            else { continue }
            marked[index + 1] = String(line[range.upperBound...])
        }
        return marked
    }

    @Test func everyAcceptedFormCompilesWithoutADiagnostic() throws {
        let (status, output) = try IntegerLiteralTypecheckTests.typecheck(try Self.fixture("TypedReferences"), "-typecheck")
        #expect(status == 0, "\(output)")
        #expect(!output.contains("error:") && !output.contains("warning:"), "\(output)")
    }

    @Test func everyMistakeIsACompileErrorOnItsLineSayingWhatIsMissing() throws {
        let source = try Self.fixture("TypedReferenceMistakes")
        let expected = Self.marked(source, "expected-error")
        try #require(expected.count >= 10, "the fixture lists its mistakes")
        let (status, output) = try IntegerLiteralTypecheckTests.typecheck(source, "-typecheck")
        #expect(status != 0)
        let errors = Self.errors(output)
        for (line, text) in expected.sorted(by: { $0.key < $1.key }) {
            let found = errors[line] ?? []
            #expect(found.contains { $0.contains(text) }, "line \(line): expected '\(text)', got \(found)")
        }
        let unexpected = errors.filter { expected[$0.key] == nil }
        #expect(unexpected.isEmpty, "errors on lines that expect none: \(unexpected)")
    }

    @Test func anIntegerLiteralTakesTheTypeOfTheHandlerItMatches() throws {
        let source = try Self.fixture("TypedReferences")
        let expected = Self.marked(source, "literal")
        try #require(expected.count >= 4, "the fixture marks its literals")
        let (status, ast) = try IntegerLiteralTypecheckTests.typecheck(source, "-dump-ast")
        try #require(status == 0, "\(ast)")
        let literals = IntegerLiteralTypecheckTests.integerLiteralTypes(ast)
        for (line, type) in expected.sorted(by: { $0.key < $1.key }) {
            let types = literals[line] ?? []
            #expect(!types.isEmpty && types.allSatisfy { $0 == type }, "line \(line): expected \(type), got \(types)")
        }
    }
}
