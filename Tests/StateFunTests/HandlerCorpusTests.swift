import Foundation
import StateFun
import StateFunConformanceFunctions
import Testing

/// Replays the request-handling fuzz corpora (Fuzz/Corpus/HandlerV3, Fuzz/Corpus/HandlerV2: seeds from the
/// vectors, inputs the fuzzer found, and every crasher it ever found) through the harnesses' oracle: what CI runs
/// instead of the fuzzer itself.
@Suite("Fuzz corpus replay (request handling)")
struct HandlerCorpusTests {
    static func corpusDirectory(_ version: ProtocolVersion) -> URL {
        // Tests/StateFunTests/HandlerCorpusTests.swift -> the repository root.
        URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/Handler\(version == .v3 ? "V3" : "V2")")
    }

    static func corpus(_ version: ProtocolVersion) -> [URL] {
        let directory = corpusDirectory(version)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func corpusIsPresentWithTheVectorsAsSeeds(version: ProtocolVersion) {
        let names = Self.corpus(version).map(\.lastPathComponent)
        #expect(names.count >= 30, "corpus at \(Self.corpusDirectory(version).path)")
        #expect(names.contains("seed-greeter_batch10"))
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func everyCorpusInputIsAnsweredOrRejectedTheSameWayTwice(version: ProtocolVersion) async throws {
        for file in Self.corpus(version) {
            let bytes = Array(try Data(contentsOf: file))
            let problem = await HandlerFuzzing.check(bytes, version)
            #expect(problem == nil, "\(file.lastPathComponent)")
        }
    }

    @Test func theOracleAcceptsAnAnswerAndAFailureAndTheyDiffer() async throws {
        // An oracle that flags nothing proves nothing: a seed is answered, garbage is rejected.
        let seed = Array(try Data(contentsOf: Self.corpusDirectory(.v3).appendingPathComponent("seed-greeter_batch10")))
        guard case .answered(let answer) = await HandlerFuzzing.outcome(of: seed, HandlerFuzzing.handlerV3) else {
            Issue.record("the seed is not answered")
            return
        }
        #expect(!answer.isEmpty)
        let garbage = await HandlerFuzzing.outcome(of: [0xFF, 0xFF, 0xFF], HandlerFuzzing.handlerV3)
        guard case .failed(let reason) = garbage else {
            Issue.record("garbage is answered: \(garbage)")
            return
        }
        #expect(reason.hasPrefix("malformed request"), "a 400, not a 500")
    }
}
