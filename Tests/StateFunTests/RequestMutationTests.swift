import Foundation
import StateFun
import StateFunConformanceFunctions
import Testing

/// Bad input never crashes the handler: thousands of seeded mutations of real requests (flipped bytes, cuts,
/// insertions, duplicated spans) end either in an answer or in a typed ``StateFunError``.
@Suite struct RequestMutationTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            guard !out.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
            let i = Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: out[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1: out[i] = UInt8.random(in: 0...255, using: &rng)
            case 2: out.removeSubrange(i...)
            case 3: out.insert(contentsOf: (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: i)
            default:
                let end = min(out.count, i + Int.random(in: 1...16, using: &rng))
                out.insert(contentsOf: out[i..<end], at: end)
            }
        }
        return out
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func mutatedRequestsAreAnsweredOrRejectedNeverCrash(version: ProtocolVersion) async throws {
        let handler = (version == .v3 ? ConformanceFunctions.appV3() : ConformanceFunctions.appV2())
            .requestReplyHandler(protocolVersion: version)
        let names = ConformanceVectorTests.vectors(version)
        var rng = SplitMix(state: version == .v3 ? 3 : 2)
        var answered = 0
        var malformed = 0
        var failed = 0
        for name in names {
            let request = try ConformanceVectorTests.load(version, name, "request.bin")
            for _ in 0..<400 {
                do {
                    _ = try await handler.handle(Self.mutate(request, &rng))
                    answered += 1
                } catch {
                    if case .malformedRequest = error { malformed += 1 } else { failed += 1 }
                }
            }
        }
        #expect(answered + malformed + failed == names.count * 400)
        #expect(answered > 0 && malformed > 0 && failed > 0, "the mutations reach every outcome: \(answered)/\(malformed)/\(failed)")
    }
}
