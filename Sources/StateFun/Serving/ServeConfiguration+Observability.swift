extension ServeConfiguration {
    /// The instrumentation these settings ask for: the structured log, the metrics and the app's own, plus
    /// `tally` (for the shutdown line); nil when there is none at all.
    package func instrumentation(tally: BatchTally?) -> (any Instrumentation)? {
        var members: [any Instrumentation] = []
        if let logSink { members.append(LoggingInstrumentation(level: logLevel, sink: logSink)) }
        if let metrics { members.append(MetricsInstrumentation(registry: metrics)) }
        if let instrumentation { members.append(instrumentation) }
        if let tally { members.append(tally) }
        switch members.count {
        case 0: return nil
        case 1: return members[0]
        default: return InstrumentationGroup(members)
        }
    }

    /// The limits the start line reports, by their documented names.
    package var reportedLimits: [(name: String, value: String)] {
        [
            ("max_body_bytes", String(http.limits.maxBodyBytes)), ("max_header_bytes", String(http.limits.maxHeaderBytes)),
            ("max_header_count", String(http.limits.maxHeaderCount)),
            ("max_request_line_bytes", String(http.limits.maxRequestLineBytes)),
            ("max_connections", String(http.limits.maxConnections)),
            ("max_buffered_body_bytes", String(http.limits.maxBufferedBodyBytes)),
            ("max_invocations", String(batchLimits.maxInvocations)),
            ("max_response_bytes", String(batchLimits.maxResponseBytes)),
        ]
    }
}
