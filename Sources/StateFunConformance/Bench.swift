#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import StateFun
import StateFunConformanceFunctions
import StateFunProtocol

/// `bench --protocol v3 FILE [--seconds S | --iterations N] [--concurrency C] [--metrics on|off]`: the request
/// handler in-process on one request, repeatedly; prints one JSON line with `rps`, `mean_us`, `invocations_per_s`.
/// With `--metrics on` the handler updates a `MetricsInstrumentation` on every batch, as `serve` does: the
/// figure's cost (Benchmarks/README.md).
///
/// With `--concurrency C` (default 1), C tasks call the one shared handler at the same time, as a server does
/// with concurrent batches: the figure is then the whole process's throughput on the machine's cores, and
/// `mean_us` is the mean time per request across all of them.
enum Bench {
    static func run(
        version: ProtocolVersion, file: String, seconds: Double, iterations: Int?, concurrency: Int = 1,
        metrics: Bool = false
    ) async -> Int32 {
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
        let app = version == .v3 ? ConformanceFunctions.appV3() : ConformanceFunctions.appV2()
        let handler =
            metrics
            ? app.requestReplyHandler(protocolVersion: version, instrumentation: MetricsInstrumentation())
            : app.requestReplyHandler(protocolVersion: version)
        do {
            _ = try await handler.handle(request)
        } catch {
            print("error: the request fails: \(error)")
            return 1
        }
        let clock = ContinuousClock()
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        let start = clock.now
        let deadline = start + budget
        // Each task runs a fixed amount of work (for instruction counting) or until the deadline.
        let results = await withTaskGroup(of: (count: Int, sink: Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    await loop(handler, request, iterations: iterations, until: deadline, clock: clock)
                }
            }
            var total = (count: 0, sink: 0)
            for await result in group {
                total.count += result.count
                total.sink &+= result.sink
            }
            return total
        }
        let elapsed = clock.now - start
        let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rps = Double(results.count) / secs
        let line =
            "{\"rps\": \(round1(rps)), \"mean_us\": \(round1(secs / Double(results.count) * 1e6)), "
            + "\"invocations_per_s\": \(Int((rps * Double(invocations)).rounded())), "
            + "\"invocations_per_request\": \(invocations), \"requests\": \(results.count), \"seconds\": \(round1(secs)), "
            + "\"concurrency\": \(concurrency), \"protocol\": \"\(version)\", \"metrics\": \(metrics), "
            + "\"response_bytes_checksum\": \(results.sink % 1000)}"
        print(line)
        return 0
    }

    /// One task's share: `iterations` requests, or batches of 256 until `deadline`.
    private static func loop(
        _ handler: RequestReplyHandler, _ request: [UInt8], iterations: Int?, until deadline: ContinuousClock.Instant,
        clock: ContinuousClock
    ) async -> (count: Int, sink: Int) {
        var count = 0
        var sink = 0
        if let iterations {
            for _ in 0..<iterations { sink &+= (try? await handler.handle(request))?.count ?? 0 }
            return (iterations, sink)
        }
        while clock.now < deadline {
            for _ in 0..<256 { sink &+= (try? await handler.handle(request))?.count ?? 0 }
            count += 256
        }
        return (count, sink)
    }

    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
