#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AppCommand {
    /// `--log-format` and `--log-level`, shared by `serve` and `dev` (Docs/Operations.md).
    package static var logOptions: [Option] {
        [
            .choice(
                "log-format", LogFormat.allCases.map(\.rawValue), defaultValue: LogFormat.logfmt.rawValue,
                help: "The log's line format on standard error: logfmt or json (one object per line)."),
            .value(
                "log-level", placeholder: "<level>",
                help: "trace, debug, info, notice, warning, error or critical: the least important level logged "
                    + "(default: $\(logLevelVariable), else info)."),
        ]
    }

    /// The environment variable read when `--log-level` is not given.
    package static let logLevelVariable = "STATEFUN_LOG_LEVEL"

    /// The log writer and level an invocation asks for: `--log-level`, else `STATEFUN_LOG_LEVEL` (looked up in
    /// `environment`), else info. A level variable that names no level is an error, not silently ignored.
    package static func logSettings(
        _ arguments: CommandArguments, output: CommandOutput, environment: (String) -> String? = AppCommand.environmentValue
    ) -> Result<(sink: StructuredLogWriter, level: LogLevel), StateFunError> {
        let format = arguments.value("log-format").flatMap(LogFormat.init(rawValue:)) ?? .logfmt
        let levels = LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
        var level = LogLevel.info
        if let text = arguments.value("log-level") {
            guard let given = LogLevel(parsing: text) else {
                return .failure(.invalidArgument("'\(text)' is not a valid value for '--log-level' (expected \(levels))"))
            }
            level = given
        } else if let text = environment(logLevelVariable), !text.isEmpty {
            guard let parsed = LogLevel(parsing: text) else {
                return .failure(.invalidArgument("\(logLevelVariable)='\(text)' is no log level (expected \(levels))"))
            }
            level = parsed
        }
        return .success((StructuredLogWriter(format: format) { output.writeError($0) }, level))
    }

    /// ``logSettings(_:output:environment:)`` for a command that serves: a bad level is printed as the
    /// command's error and gives nil, so `serve` and `dev` stop with a usage error in the same words.
    package static func reportedLogSettings(_ invocation: Invocation) -> (sink: StructuredLogWriter, level: LogLevel)? {
        switch logSettings(invocation.arguments, output: invocation.output) {
        case .success(let log):
            return log
        case .failure(let error):
            invocation.output.printError("error: \(error)")
            return nil
        }
    }

    /// The process environment's value of `name`.
    package static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
