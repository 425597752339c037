extension AppCommand {
    /// `schema [--output FILE]`: the app's schema lock (see ``SchemaLock``) on standard output or into a file.
    package static var schema: AppCommand {
        AppCommand(
            name: "schema", summary: "Write the app's schema lock, for 'validate --against' at the next deploy.",
            options: [.value("output", placeholder: "<file>", help: "Write the lock into this file instead of standard output.")]
        ) { invocation in
            let lock = invocation.app.schemaLock
            guard let path = invocation.arguments.value("output") else {
                invocation.output.write(lock.rendered())
                return success
            }
            do {
                try lock.write(toFile: path)
            } catch {
                invocation.output.printError("error: \(error)")
                return failure
            }
            return success
        }
    }
}
