extension AppCommand {
    /// `dev [--host H] [--port P]`: the built-in development server (``DevServer``) with no message types of its
    /// own; an app passes ``dev(messageTypes:)`` to show its messages by their fields.
    package static var dev: AppCommand { dev() }

    /// The `dev` command: runs the app and the embedded runtime in this process with the playground-style HTTP
    /// ingress of ``DevServer``, printing egress records as they appear, until SIGINT or SIGTERM.
    ///
    /// Pass it to ``App/main(arguments:commands:defaultCommand:)`` to replace the built-in `dev` with one that
    /// shows your message types by their fields (egress record values travel without a typename):
    ///
    /// ```swift
    /// await app.main(commands: [.dev(messageTypes: [GreetRequest.self, GreetResponse.self])])
    /// ```
    public static func dev(messageTypes: [any StateFunType.Type] = []) -> AppCommand {
        AppCommand(
            name: "dev", summary: "Run the app on the embedded runtime behind a playground-style HTTP ingress.",
            options: [
                .value("host", placeholder: "<host>", defaultValue: "127.0.0.1", help: "The address to listen on."),
                .integer(
                    "port", placeholder: "<port>", range: 0...65535, defaultValue: 8090,
                    help: "The TCP port (0: any free port)."),
            ] + logOptions
        ) { invocation in
            let app = invocation.app
            if let report = app.validationErrorReport() {
                invocation.output.writeError(report)
                invocation.output.printError(
                    "error: not running an app with errors (run '\(invocation.programName) validate')")
                return failure
            }
            for diagnostic in app.validate() { invocation.output.printError(diagnostic.description) }
            var configuration = DevServerConfiguration(messageTypes: messageTypes)
            configuration.http.host = invocation.arguments.value("host") ?? "127.0.0.1"
            configuration.http.port = invocation.arguments.integer("port") ?? 8090
            guard let log = reportedLogSettings(invocation) else { return usageError }
            configuration.logSink = log.sink
            configuration.logLevel = log.level
            let server = DevServer(app: app, configuration: configuration, output: invocation.output)
            let addresses = try await server.start()
            for address in addresses {
                invocation.output.printError(
                    "dev server: \(app.functionTypes.count) function(s) on the embedded runtime, listening on "
                        + "http://\(address)")
            }
            invocation.output.printError(DevRouter.routesHelp)
            try await server.runUntilSignalled()
            invocation.output.printError("stopped")
            return success
        }
    }
}
