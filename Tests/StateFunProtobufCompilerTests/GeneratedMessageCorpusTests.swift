import Foundation
import StateFunFuzzMessages
import Testing

/// Replays the generated-message fuzz corpus (Fuzz/Corpus/GeneratedMessage: seeds written by protobuf's Python
/// runtime, inputs the fuzzer found, every crasher it ever found) through the harness's oracle: what CI runs
/// instead of the fuzzer itself.
@Suite("Fuzz corpus replay (generated messages)")
struct GeneratedMessageCorpusTests {
    static var corpusDirectory: URL {
        // Tests/StateFunProtobufCompilerTests/GeneratedMessageCorpusTests.swift -> the repository root.
        URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/GeneratedMessage")
    }

    static var corpus: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { corpusDirectory.appendingPathComponent($0) }
    }

    @Test func everyCorpusInputDecodesConsistentlyOrIsRejected() throws {
        #expect(Self.corpus.count >= 20, "corpus at \(Self.corpusDirectory.path)")
        for file in Self.corpus {
            let problem = GeneratedMessageFuzzing.check(Array(try Data(contentsOf: file)))
            #expect(problem == nil, "\(file.lastPathComponent)")
        }
    }

    @Test func everySeedWrittenByProtobufDecodesAsItsType() throws {
        // The seeds are messages the official runtime encoded (`seed-INDEX-...`): each must decode, so the corpus
        // starts from valid messages of every type rather than from bytes every decoder rejects.
        let seeds = Self.corpus.filter { $0.lastPathComponent.hasPrefix("seed-") }
        let names = GeneratedMessageFuzzing.typeNames
        #expect(Set(seeds.compactMap { try? Data(contentsOf: $0).first }.map { Int($0) % names.count }).count == names.count,
                "a seed for every type")
        for file in seeds {
            let outcome = GeneratedMessageFuzzing.run(Array(try Data(contentsOf: file)))
            guard case .success(.decoded) = outcome else {
                Issue.record("\(file.lastPathComponent): \(outcome)")
                continue
            }
        }
    }

    @Test func theOracleRejectsGarbageAndReportsJSON() throws {
        // An oracle that flags nothing proves nothing: a truncated varint is rejected naming the field, a Duration
        // has its JSON.
        guard case .success(.rejected(let type, let error)) = GeneratedMessageFuzzing.run([0, 0x18, 0x80]) else {
            Issue.record("a truncated varint is not rejected")
            return
        }
        #expect(type == "fuzz.Everything")
        #expect(error.contains("i32"), "\(error)")
        let durationIndex = try #require(GeneratedMessageFuzzing.typeNames.firstIndex(of: "google.protobuf.Duration"))
        #expect(GeneratedMessageFuzzing.run([UInt8(durationIndex), 0x08, 0x03])
                == .success(.decoded(type: "google.protobuf.Duration", json: "\"3s\"")))
    }
}
