import StateFun
import StateFunSmoke

/// `smoke`: upstream's smoke end-to-end interpreter (Docs/SmokeE2E.md).
///
/// * `smoke [--port 8000] [--host 127.0.0.1]` serves `statefun.smoke.e2e/command-interpreter-fn` with the built-in
///   HTTP server on `/` (where upstream's harness module.yaml posts) and `/statefun`, until SIGTERM or SIGINT.
/// * `smoke --bench [--instances N] [--messages M] [--depth D] [--seed S] [--url URL]` runs the driver: random
///   command trees through the local runtime, then a verification of every instance; prints one JSON line with
///   `messages_per_s` and exits 1 when the verification fails. With `--url` the runtime calls the interpreter over
///   HTTP there (a `smoke --port` process, or another SDK's interpreter) instead of in-process.
enum SmokeCommand {
    static let usage = """
          statefun-conformance smoke [--port 8000] [--host 127.0.0.1]
          statefun-conformance smoke --bench [--instances 1000] [--messages 100000] [--depth 10] [--seed S] [--url URL]
        """

    /// The options of both forms; everything else is a usage error.
    static let valued: Set<String> = ["port", "host", "instances", "messages", "depth", "seed", "url"]

    static func run(_ argv: ArraySlice<String>) async -> Int32 {
        do {
            let arguments = try Arguments(argv, valued: valued)
            let unknown = arguments.flags.subtracting(["bench"])
            guard unknown.isEmpty, arguments.positional.isEmpty else {
                throw UsageError(
                    "smoke takes no \((unknown.sorted().map { "--" + $0 } + arguments.positional).joined(separator: " "))")
            }
            if arguments.flags.contains("bench") {
                if let serving = ["port", "host"].first(where: { arguments.options[$0] != nil }) {
                    throw UsageError("--\(serving) is for serving; --bench runs the driver (use --url to reach a server)")
                }
                return await bench(try benchParameters(arguments), url: arguments.options["url"])
            }
            if let benching = ["instances", "messages", "depth", "seed", "url"].first(where: { arguments.options[$0] != nil }) {
                throw UsageError("--\(benching) needs --bench")
            }
            let port = try integer(arguments, "port", default: 8000, in: 0...65535)
            return await serve(host: arguments.options["host"] ?? "127.0.0.1", port: port)
        } catch {
            print("error: \(error)\n\nUSAGE:\n\(usage)")
            return 2
        }
    }

    static func integer(_ arguments: Arguments, _ name: String, default value: Int, in range: ClosedRange<Int>)
        throws(UsageError) -> Int
    {
        guard let text = arguments.options[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("--\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return number
    }

    static func benchParameters(_ arguments: Arguments) throws(UsageError) -> SmokeParameters {
        var parameters = SmokeParameters()
        parameters.instances = try integer(arguments, "instances", default: 1_000, in: 1...SmokeParameters.maxInstances)
        parameters.messages = try integer(arguments, "messages", default: 100_000, in: 0...SmokeParameters.maxMessages)
        parameters.commandDepth = try integer(arguments, "depth", default: 10, in: 1...SmokeParameters.maxCommandDepth)
        if let text = arguments.options["seed"] {
            guard let seed = UInt64(text) else { throw UsageError("--seed must be an unsigned 64-bit integer") }
            parameters.seed = seed
        } else {
            parameters.seed = UInt64.random(in: 0...UInt64.max)
        }
        return parameters
    }

    static func serve(host: String, port: Int) async -> Int32 {
        var configuration = ServeConfiguration()
        configuration.http.host = host
        configuration.http.port = port
        do {
            try await AppServer.serve(app: SmokeInterpreter.app(), configuration: configuration, output: .console)
            return 0
        } catch {
            print("error: \(error)")
            return 1
        }
    }

    static func bench(_ parameters: SmokeParameters, url: String?) async -> Int32 {
        var driver = SmokeDriver()
        if let url {
            driver.remoteEndpoints = [
                FunctionEndpoint(
                    functions: .function(SmokeE2E.functionType), urlPathTemplate: url,
                    maxNumBatchRequests: SmokeInterpreter.harnessMaxBatchSize)
            ]
        }
        let report: SmokeDriver.Report
        do {
            report = try await driver.run(parameters)
        } catch {
            print("error: \(error)")
            return 1
        }
        let counts = report.counts
        let seconds = Double(report.elapsed.components.seconds) + Double(report.elapsed.components.attoseconds) / 1e18
        print(
            "{\"passed\": \(report.passed), \"messages\": \(report.messages), "
                + "\"messages_per_s\": \(Int(report.messagesPerSecond.rounded())), "
                + "\"seconds\": \((seconds * 1000).rounded() / 1000), \"instances\": \(parameters.instances), "
                + "\"source_commands\": \(counts.sourceCommands), \"sends\": \(counts.sends), "
                + "\"delayed_sends\": \(counts.delayedSends), \"cancelled_sends\": \(counts.cancelledSends), "
                + "\"async_operations\": \(counts.asyncOperations), \"increments\": \(counts.increments), "
                + "\"transport\": \"\(url == nil ? "in-process" : "http")\", \"seed\": \(parameters.seed)}")
        for problem in report.problems.prefix(20) { print("problem: \(problem)") }
        return report.passed ? 0 : 1
    }
}
