#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
public import StateFun

extension Deployment {
    /// `generate-deployment [--output DIR] [--repository-root DIR] [--package-path P] [--product NAME]
    /// [--egress-topics A,B] [--check]`: writes the deployment of the invocation's app.
    public static let command = AppCommand(
        name: "generate-deployment",
        summary: "Write module.yaml, the function's Dockerfile and docker-compose.yml for the app.",
        options: [
            .value("output", placeholder: "<dir>", defaultValue: "deployment", help: "The folder to write to."),
            .value(
                "repository-root", placeholder: "<dir>",
                help: "The repository root (default: the nearest folder above the output that holds the package)."),
            .value(
                "package-path", placeholder: "<path>", defaultValue: "Samples/Greeter",
                help: "The function's Swift package, relative to the repository root."),
            .value("product", placeholder: "<name>", defaultValue: "greeter", help: "The package's executable."),
            .value(
                "egress-topics", placeholder: "<a,b>", defaultValue: "greetings",
                help: "Comma-separated topics the functions write to."),
            .flag("check", help: "Write nothing; fail if the files on disk differ from what would be written."),
        ]
    ) { invocation in
        let arguments = invocation.arguments
        let workingDirectory = URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
        let output = URL(filePath: arguments.value("output") ?? "deployment", relativeTo: workingDirectory)
            .standardizedFileURL
        var options = Options()
        options.packagePath = arguments.value("package-path") ?? options.packagePath
        options.product = arguments.value("product") ?? options.product
        options.egressTopics = (arguments.value("egress-topics") ?? "").split(separator: ",").map(String.init)

        let root: URL
        if let given = arguments.value("repository-root") {
            root = URL(filePath: given, relativeTo: workingDirectory).standardizedFileURL
        } else if let found = repositoryRoot(above: output, holding: options.packagePath) {
            root = found
        } else {
            invocation.output.printError(
                "error: no folder above \(output.path) holds \(options.packagePath)/Package.swift; pass --repository-root")
            return AppCommand.failure
        }
        guard let inside = relativePath(from: root, to: output), !inside.hasPrefix("..") else {
            invocation.output.printError("error: the output \(output.path) is not inside the repository root \(root.path)")
            return AppCommand.failure
        }
        options.outputFromRepositoryRoot = inside
        options.repositoryRootFromOutput = relativePath(from: output, to: root) ?? "."

        let deployment = try Deployment(app: invocation.app, options: options)
        if arguments.flag("check") {
            var stale: [String] = []
            for file in deployment.files() {
                let onDisk = try? Data(contentsOf: output.appending(path: file.path))
                if onDisk != Data(file.contents.utf8) { stale.append(file.path) }
            }
            for path in stale { invocation.output.printError("out of date: \(path)") }
            if stale.isEmpty { invocation.output.print("\(output.path): up to date") }
            return stale.isEmpty ? AppCommand.success : AppCommand.failure
        }
        for url in try deployment.write(to: output) { invocation.output.print("wrote \(url.path)") }
        return AppCommand.success
    }

    /// The nearest folder at or above `start` that contains `packagePath/Package.swift`.
    static func repositoryRoot(above start: URL, holding packagePath: String) -> URL? {
        var candidate = start
        while true {
            let manifest = candidate.appending(path: packagePath).appending(path: "Package.swift")
            if FileManager.default.fileExists(atPath: manifest.path) { return candidate }
            let parent = candidate.deletingLastPathComponent().standardizedFileURL
            if parent.path == candidate.path { return nil }
            candidate = parent
        }
    }

    /// The relative path that leads from the folder `base` to `target` (`../..`, `Walkthrough/x`, `.`); `nil`
    /// when either is not a file URL.
    static func relativePath(from base: URL, to target: URL) -> String? {
        guard base.isFileURL, target.isFileURL else { return nil }
        let from = base.standardizedFileURL.pathComponents.filter { $0 != "/" }
        let to = target.standardizedFileURL.pathComponents.filter { $0 != "/" }
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
