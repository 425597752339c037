#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import StateFunHTTP
import Testing

/// Replays the fuzzing corpus (Fuzz/Corpus/HTTPParser) through the parser with the fuzz
/// harness's oracle: what CI runs instead of the fuzzer itself.
@Suite("Fuzz corpus replay")
struct HTTPParserCorpusTests {
    static let corpusDirectory: String = {
        // Tests/StateFunHTTPTests/HTTPParserCorpusTests.swift -> repository root.
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/Fuzz/Corpus/HTTPParser"
    }()

    static func corpusFiles() -> [String] {
        guard let directory = opendir(corpusDirectory) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    @Test func corpusIsPresent() {
        #expect(Self.corpusFiles().count >= 10, "corpus at \(Self.corpusDirectory)")
    }

    @Test func everyCorpusInputParsesTheSameWholeAndSplit() async throws {
        for name in Self.corpusFiles() {
            let bytes = try #require(Self.contents(of: Self.corpusDirectory + "/" + name), "\(name)")
            #expect(HTTPParserFuzzing.check(bytes) == nil, "\(name)")
            await Task.yield()
        }
    }
}
