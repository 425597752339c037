/// How the structured log writes a line.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `time=… level=… msg=… key=value…`, values quoted when they need it (the default).
    case logfmt
    /// One JSON object per line.
    case json
}
