import StateFun
import StateFunConformanceFunctions

/// `serve --port P [--host H] [--protocol v3|v2] [--max-buffered-body-bytes N] [--metrics on|off] [--log on|off]`:
/// the oracle's functions behind the built-in HTTP server, on `/statefun` (and any path, for load generators),
/// until SIGTERM or SIGINT. Metrics (`GET /metrics`) and the structured log are on by default, as in an app's
/// `serve`; the benchmarks turn them off to measure their cost.
enum Serve {
    static func run(
        version: ProtocolVersion, host: String, port: Int, metrics: Bool, log: Bool, limits: ServerLimits
    ) async -> Int32 {
        let app = version == .v3 ? ConformanceFunctions.appV3() : ConformanceFunctions.appV2()
        var configuration = ServeConfiguration(protocolVersion: version)
        configuration.http.host = host
        configuration.http.port = port
        configuration.http.limits = limits
        if !metrics { configuration.metrics = nil }
        if !log { configuration.logSink = nil }
        do {
            try await AppServer.serve(app: app, configuration: configuration, output: .console)
            return 0
        } catch {
            print("error: \(error)")
            return 1
        }
    }
}
