#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import StateFun
import StateFunConformanceFunctions

/// `bench --protocol v3 FILE [--seconds S]`: the request handler in-process on one request, repeatedly;
/// prints one JSON line with `rps`, `mean_us`, `invocations_per_s`.
enum Bench {
    static func run(version: ProtocolVersion, file: String, seconds: Double, iterations: Int? = nil) async -> Int32 {
        guard let data = FileManager.default.contents(atPath: file) else {
            print("error: cannot read \(file)")
            return 2
        }
        let request = Array(data)
        let invocations: Int
        switch version {
        case .v3: invocations = (try? ToFunctionV3(serialized: request))?.invocation?.invocations.count ?? 0
        case .v2: invocations = (try? ToFunctionV2(serialized: request))?.invocation?.invocations.count ?? 0
        }
        let handler = (version == .v3 ? ConformanceFunctions.appV3() : ConformanceFunctions.appV2())
            .requestReplyHandler(protocolVersion: version)
        do {
            _ = try await handler.handle(request)
        } catch {
            print("error: the request fails: \(error)")
            return 1
        }
        let clock = ContinuousClock()
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        let start = clock.now
        var count = 0
        var sink = 0
        if let iterations {
            // A fixed amount of work, for instruction counting (valgrind --tool=callgrind).
            for _ in 0..<iterations { sink &+= (try? await handler.handle(request))?.count ?? 0 }
            count = iterations
        }
        while iterations == nil, clock.now - start < budget {
            for _ in 0..<256 {
                sink &+= (try? await handler.handle(request))?.count ?? 0
            }
            count += 256
        }
        let elapsed = clock.now - start
        let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rps = Double(count) / secs
        let line =
            "{\"rps\": \(round1(rps)), \"mean_us\": \(round1(secs / Double(count) * 1e6)), "
            + "\"invocations_per_s\": \(Int((rps * Double(invocations)).rounded())), "
            + "\"invocations_per_request\": \(invocations), \"requests\": \(count), \"seconds\": \(round1(secs)), "
            + "\"protocol\": \"\(version)\", \"response_bytes_checksum\": \(sink % 1000)}"
        print(line)
        return 0
    }

    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
