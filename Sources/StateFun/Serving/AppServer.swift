/// The hook the `serve` command calls to serve an app over HTTP (`AppCommand.serve`).
///
/// The command validates the app first and prints its warnings; this serves it until the process is told to
/// stop. Placeholder until the built-in HTTP server (StateFunHTTP) is wired in here: it fails, so `serve`
/// exits with status 1.
package enum AppServer {
    /// Serves `app` on `host:port` with `protocolVersion`, writing progress to `output`; returns when stopped.
    package static func serve(
        app: App, host: String, port: Int, protocolVersion: ProtocolVersion, output: CommandOutput
    ) async throws {
        throw StateFunError.invalidArgument(
            "serving is not wired yet: this build has no HTTP server behind 'serve' (requested \(host):\(port), "
                + "protocol \(protocolVersion))")
    }
}
