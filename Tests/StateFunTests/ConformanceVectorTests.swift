import Foundation
import StateFun
import StateFunConformanceFunctions
import Testing

/// Every public vector of `../shared/oracle` (copied to Fixtures/vectors), answered by the Swift declarations
/// of the oracle's functions: byte-identical to the official Python SDK, JSON payloads equal as JSON.
@Suite struct ConformanceVectorTests {
    static func vectors(_ version: ProtocolVersion) -> [String] {
        guard let url = Bundle.module.url(forResource: "Fixtures/vectors/\(version)", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".request.bin") }.map { String($0.dropLast(".request.bin".count)) }.sorted()
    }

    static func load(_ version: ProtocolVersion, _ name: String, _ suffix: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/vectors/\(version)/\(name)", withExtension: suffix))
        return Array(try Data(contentsOf: url))
    }

    @Test func everyProtocolHasItsVectors() {
        #expect(Self.vectors(.v3).count == 7)
        #expect(Self.vectors(.v2).count == 4)
    }

    @Test(arguments: vectors(.v3))
    func v3VectorMatchesTheOfficialSDK(name: String) async throws {
        let handler = ConformanceFunctions.appV3().requestReplyHandler(protocolVersion: .v3)
        let response = try await handler.handle(try Self.load(.v3, name, "request.bin"))
        let expected = try Self.load(.v3, name, "response.bin")
        #expect(ResponseComparison.equal(response, expected, .v3))
        if !name.hasPrefix("features_full") { #expect(response == expected, "byte-identical") }
    }

    @Test(arguments: vectors(.v2))
    func v2VectorMatchesTheOfficialSDKByteForByte(name: String) async throws {
        let handler = ConformanceFunctions.appV2().requestReplyHandler(protocolVersion: .v2)
        let response = try await handler.handle(try Self.load(.v2, name, "request.bin"))
        #expect(response == (try Self.load(.v2, name, "response.bin")))
    }

    static func differential(_ version: ProtocolVersion) -> [String] {
        guard let url = Bundle.module.url(forResource: "Fixtures/differential/\(version)", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".request.bin") }.map { String($0.dropLast(".request.bin".count)) }.sorted()
    }

    /// Inputs beyond the public vectors, answered by the official SDK (Scripts/oracle_differential.py, seed 7):
    /// the same answer, or a failure of the whole batch wherever the SDK raised.
    @Test(arguments: [ProtocolVersion.v3, .v2])
    func differentialVectorsMatchTheOfficialSDK(version: ProtocolVersion) async throws {
        let names = Self.differential(version)
        #expect(names.count > 20)
        let app = version == .v3 ? ConformanceFunctions.appV3() : ConformanceFunctions.appV2()
        let handler = app.requestReplyHandler(protocolVersion: version)
        let base = "Fixtures/differential/\(version)/"
        for name in names {
            let request = try #require(Bundle.module.url(forResource: base + name, withExtension: "request.bin"))
            let expected = Bundle.module.url(forResource: base + name, withExtension: "response.bin")
            do {
                let response = try await handler.handle(Array(try Data(contentsOf: request)))
                let want = try #require(expected, "\(name): the SDK failed this batch, Swift answered it")
                #expect(ResponseComparison.equal(response, Array(try Data(contentsOf: want)), version), "\(name)")
            } catch let error as StateFunError {
                #expect(expected == nil, "\(name): Swift failed (\(error)) where the SDK answered")
            }
        }
    }

    @Test func jsonPayloadsCompareAsDocumentsNotBytes() async throws {
        let handler = ConformanceFunctions.appV3().requestReplyHandler(protocolVersion: .v3)
        let response = try await handler.handle(try Self.load(.v3, "features_full", "request.bin"))
        let expected = try Self.load(.v3, "features_full", "response.bin")
        #expect(response != expected, "Swift writes compact JSON, Python adds spaces")
        #expect(ResponseComparison.equal(response, expected, .v3))
        var tampered = expected
        if let i = tampered.firstIndex(of: UInt8(ascii: "u")) { tampered[i] = UInt8(ascii: "v") }
        #expect(!ResponseComparison.equal(response, tampered, .v3))
    }

    @Test func truncatingARealRequestAtEveryOffsetFailsCleanly() async throws {
        let request = try Self.load(.v3, "greeter_batch10", "request.bin")
        let handler = ConformanceFunctions.appV3().requestReplyHandler(protocolVersion: .v3)
        for cut in 0..<request.count {
            do {
                _ = try await handler.handle(Array(request[..<cut]))
                Issue.record("a request cut at \(cut) of \(request.count) bytes was answered")
            } catch {
                switch error {
                case .malformedRequest: break
                default: Issue.record("cut at \(cut): unexpected \(error)")
                }
            }
        }
    }
}
