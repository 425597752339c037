#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StateFun

let usage = """
    statefun-conformance: the oracle's functions (../shared/oracle) served by swift-statefun

    USAGE:
      statefun-conformance --version
      statefun-conformance replay --protocol v3|v2 DIR --out OUTDIR
      statefun-conformance bench --protocol v3|v2 FILE [--seconds S | --iterations N] [--concurrency C]
                                [--metrics on|off]
      statefun-conformance serve --port P [--host 127.0.0.1] [--protocol v3|v2] [--max-buffered-body-bytes N]
                                [--metrics on|off] [--log on|off]
    \(SmokeCommand.usage)
    """

func parseProtocol(_ arguments: Arguments) throws(UsageError) -> ProtocolVersion {
    let raw = arguments.options["protocol"] ?? "v3"
    guard let version = ProtocolVersion(rawValue: raw) else {
        throw UsageError("--protocol must be v3 or v2, not '\(raw)'")
    }
    return version
}

/// An `on|off` option's value.
func onOff(_ arguments: Arguments, _ name: String, default value: Bool) throws(UsageError) -> Bool {
    guard let text = arguments.options[name] else { return value }
    guard text == "on" || text == "off" else { throw UsageError("--\(name) must be on or off, not '\(text)'") }
    return text == "on"
}

func main() async -> Int32 {
    let argv = CommandLine.arguments
    if argv.count == 2, argv[1] == "--version" {
        print("swift-statefun \(StateFunSDK.version)")
        return 0
    }
    guard argv.count >= 2, argv[1] != "--help", argv[1] != "-h", argv[1] != "help" else {
        print(usage)
        return argv.count >= 2 ? 0 : 2
    }
    do {
        let arguments = try Arguments(argv.dropFirst(2), valued: ["protocol", "out", "seconds", "port", "host", "iterations", "concurrency", "max-buffered-body-bytes", "metrics", "log"])
        if arguments.flags.contains("help") {
            print(usage)
            return 0
        }
        switch argv[1] {
        case "replay":
            guard arguments.positional.count == 1, let out = arguments.options["out"] else {
                throw UsageError("replay needs DIR and --out OUTDIR")
            }
            return await Replay.run(version: try parseProtocol(arguments), directory: arguments.positional[0], output: out)
        case "serve":
            let portText = arguments.options["port"] ?? "8000"
            guard let port = Int(portText), (0...65535).contains(port) else {
                throw UsageError("--port must be a port number (0-65535), not '\(portText)'")
            }
            var limits = ServerLimits()
            if let text = arguments.options["max-buffered-body-bytes"] {
                guard let budget = Int(text), budget > 0 else {
                    throw UsageError("--max-buffered-body-bytes must be a positive number of bytes, not '\(text)'")
                }
                limits.maxBufferedBodyBytes = budget
            }
            return await Serve.run(
                version: try parseProtocol(arguments), host: arguments.options["host"] ?? "127.0.0.1", port: port,
                metrics: try onOff(arguments, "metrics", default: true), log: try onOff(arguments, "log", default: true),
                limits: limits)
        case "smoke":
            return await SmokeCommand.run(argv.dropFirst(2))
        case "bench":
            guard arguments.positional.count == 1 else { throw UsageError("bench needs one request FILE") }
            let secondsText = arguments.options["seconds"] ?? "3"
            guard let seconds = Double(secondsText), seconds > 0, seconds <= 3600 else {
                throw UsageError("--seconds must be a number of seconds in (0, 3600], not '\(secondsText)'")
            }
            var iterations: Int?
            if let text = arguments.options["iterations"] {
                guard let n = Int(text), n > 0 else { throw UsageError("--iterations must be a positive integer") }
                iterations = n
            }
            let concurrencyText = arguments.options["concurrency"] ?? "1"
            guard let concurrency = Int(concurrencyText), (1...256).contains(concurrency) else {
                throw UsageError("--concurrency must be a number of tasks in 1...256, not '\(concurrencyText)'")
            }
            return await Bench.run(
                version: try parseProtocol(arguments), file: arguments.positional[0], seconds: seconds,
                iterations: iterations, concurrency: concurrency, metrics: try onOff(arguments, "metrics", default: false))
        default:
            throw UsageError("unknown command '\(argv[1])'")
        }
    } catch {
        print("error: \(error)\n\n\(usage)")
        return 2
    }
}

exit(await main())
