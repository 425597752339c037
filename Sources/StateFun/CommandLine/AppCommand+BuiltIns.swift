extension AppCommand {
    /// The commands every app executable has, in the order `--help` lists them. A new built-in command goes
    /// into this list (one file `AppCommand+<Name>.swift` per command).
    package static var builtIns: [AppCommand] { [serve, moduleYAML, describe, validate, schema, dev] + deployCommands }

    /// `serve [--host H] [--port P] [--protocol v3|v2] [--log-format logfmt|json] [--log-level L]`: refuses an app with validation errors, then serves it.
    package static var serve: AppCommand {
        AppCommand(
            name: "serve", summary: "Serve the app's functions over HTTP to the StateFun runtime.",
            options: [
                .value("host", placeholder: "<host>", defaultValue: "0.0.0.0", help: "The address to listen on."),
                .integer("port", placeholder: "<port>", range: 0...65535, defaultValue: 8000, help: "The TCP port (0: any free port)."),
                .choice("protocol", ["v3", "v2"], defaultValue: "v3", help: "The runtime's protocol: v3 (StateFun 3.x) or v2 (2.x)."),
            ] + logOptions
        ) { invocation in
            let app = invocation.app
            if let report = app.validationErrorReport() {
                invocation.output.writeError(report)
                invocation.output.printError("error: not serving an app with errors (run '\(invocation.programName) validate')")
                return failure
            }
            for diagnostic in app.validate() { invocation.output.printError(diagnostic.description) }
            let version: ProtocolVersion = invocation.arguments.value("protocol") == "v2" ? .v2 : .v3
            var configuration = ServeConfiguration(protocolVersion: version)
            configuration.http.host = invocation.arguments.value("host") ?? "0.0.0.0"
            configuration.http.port = invocation.arguments.integer("port") ?? 8000
            guard let log = reportedLogSettings(invocation) else { return usageError }
            configuration.logSink = log.sink
            configuration.logLevel = log.level
            try await AppServer.serve(app: app, configuration: configuration, output: invocation.output)
            return success
        }
    }

    /// `module-yaml [--format F] [--endpoint URL]`: the runtime's module.yaml on standard output.
    package static var moduleYAML: AppCommand {
        AppCommand(
            name: "module-yaml", summary: "Print the runtime's module.yaml for the app.",
            options: [
                .choice(
                    "format", ModuleFormat.allCases.map(\.rawValue), defaultValue: ModuleFormat.components.rawValue,
                    help: "components (StateFun 3.1+), 3.0, 2.0 (2.1, 2.2) or 1.0 (2.0)."),
                .value("endpoint", placeholder: "<url>", help: "Use this URL for every endpoint."),
            ]
        ) { invocation in
            let app = invocation.app
            let diagnostics = app.validate()
            for diagnostic in diagnostics { invocation.output.printError(diagnostic.description) }
            if diagnostics.contains(where: { $0.severity == .error }) {
                invocation.output.printError("error: the app has errors; the runtime would refuse its module.yaml")
                return failure
            }
            let format = invocation.arguments.value("format").flatMap(ModuleFormat.init(rawValue:)) ?? .components
            for diagnostic in app.moduleYAMLDiagnostics(format: format) {
                invocation.output.printError(diagnostic.description)
            }
            invocation.output.write(app.moduleYAML(format: format, endpoint: invocation.arguments.value("endpoint")))
            return success
        }
    }

    /// `describe [--json | --dot]`: what the app declares.
    package static var describe: AppCommand {
        AppCommand(
            name: "describe", summary: "Describe the app's functions, ingresses, egresses and endpoints.",
            options: [
                .flag("json", help: "Print stable JSON instead of text."),
                .flag("dot", help: "Print the routing graph as Graphviz DOT (render with 'dot -Tsvg')."),
            ]
        ) { invocation in
            let app = invocation.app
            switch (invocation.arguments.flag("json"), invocation.arguments.flag("dot")) {
            case (true, true):
                invocation.output.printError("error: --json and --dot exclude each other")
                return usageError
            case (true, false): invocation.output.write(app.describeJSON())
            case (false, true): invocation.output.write(app.describeDOT())
            case (false, false): invocation.output.write(app.describe())
            }
            return success
        }
    }

    /// `validate [--against FILE]`: every diagnostic, and with a schema lock the changes since it; exit status 1
    /// when there is an error.
    package static var validate: AppCommand {
        AppCommand(
            name: "validate", summary: "Check the app's declarations and list every problem.",
            options: [
                .value(
                    "against", placeholder: "<lock-file>",
                    help: "Also compare with a schema lock ('schema' writes one): breaking changes are errors."),
            ]
        ) { invocation in
            var diagnostics = invocation.app.validate()
            if let path = invocation.arguments.value("against") {
                do {
                    let lock = try SchemaLock(contentsOfFile: path)
                    // Errors first across both lists, as validate() orders its own.
                    let all = diagnostics + invocation.app.schemaLock.changes(since: lock)
                    diagnostics = [Diagnostic.Severity.error, .warning, .note].flatMap { severity in
                        all.filter { $0.severity == severity }
                    }
                } catch {
                    invocation.output.printError("error: \(error)")
                    return failure
                }
            }
            for diagnostic in diagnostics { invocation.output.print(diagnostic.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            if diagnostics.isEmpty {
                invocation.output.print("no problems found")
            } else {
                invocation.output.print(
                    "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
            return errors > 0 ? failure : success
        }
    }
}
