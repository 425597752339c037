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
