import Synchronization

/// The built-in ``LogSink``: one line per record, logfmt or JSON lines, to standard error by default.
///
/// ```
/// time=2026-12-05T01:16:07.123Z level=error msg="batch failed" function=example/greeter id=ann …
/// {"time":"2026-12-05T01:16:07.123Z","level":"error","msg":"batch failed","function":"example/greeter",…}
/// ```
///
/// Lines are written whole, one at a time, even when records arrive from many tasks at once.
public final class StructuredLogWriter: LogSink {
    /// The line format.
    public let format: LogFormat
    private let output: Mutex<@Sendable (String) -> Void>

    /// Writes lines in `format` to `output` (default: standard error); each call gets one line ending in `\n`.
    public init(format: LogFormat = .logfmt, output: @escaping @Sendable (String) -> Void = { CommandOutput.console.writeError($0) }) {
        self.format = format
        self.output = Mutex(output)
    }

    /// Formats and writes `record`.
    public func write(_ record: LogRecord) {
        let line = Self.line(record, format: format)
        output.withLock { $0(line) }
    }

    /// The line for `record` in `format`, ending in `\n`.
    public static func line(_ record: LogRecord, format: LogFormat) -> String {
        var fields = [
            LogRecord.Field("time", LogTimestamp.rfc3339(record.time)), LogRecord.Field("level", record.level.rawValue),
            LogRecord.Field("msg", record.message),
        ]
        fields.append(contentsOf: record.metadata)
        switch format {
        case .logfmt:
            return fields.map { "\($0.key)=\(logfmtValue($0.value))" }.joined(separator: " ") + "\n"
        case .json:
            return "{" + fields.map { "\(jsonString($0.key)):\(jsonString($0.value))" }.joined(separator: ",") + "}\n"
        }
    }

    /// A logfmt value: bare when it is a plain token, otherwise quoted with `\"`, `\\` and control characters
    /// escaped, so one record is always one line.
    static func logfmtValue(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar != "=" && scalar != "\"" && scalar != "\\" && scalar.value != 0x7F
        }
        return plain ? value : "\"" + escaped(value) + "\""
    }

    /// A JSON string literal (RFC 8259 §7).
    static func jsonString(_ value: String) -> String { "\"" + escaped(value) + "\"" }

    private static func escaped(_ value: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
