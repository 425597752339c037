import Foundation
import PackagePlugin

/// Generates Swift for the `.proto` files among a target's sources with `statefun-protoc`, at build time.
///
/// Each `.proto` file gives `<path under the target>.pb.swift` in the plugin's work directory, compiled into the
/// target; imports are looked up from the target's directory (so files import each other by their path under
/// it) and the well-known types are built in. The declarations are `public`, so a library target can export its
/// messages. Nothing generated is committed.
@main
struct StateFunProtobufPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let protoc = try context.tool(named: "StateFunProtoc").url
        let root = target.directoryURL
        let protos = target.sourceFiles.map(\.url).filter { $0.pathExtension == "proto" }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated", directoryHint: .isDirectory)
        return protos.map { proto in
            let relative = Self.path(of: proto, under: root)
            let generated = output.appending(path: String(relative.dropLast(".proto".count)) + ".pb.swift")
            return .buildCommand(
                displayName: "statefun-protoc \(relative)",
                executable: protoc,
                arguments: [
                    "--swift_out=\(output.path)", "--swift_opt=Visibility=Public", "-I", root.path, proto.path,
                ],
                // Every .proto of the target: one may import another.
                inputFiles: protos,
                outputFiles: [generated])
        }
    }

    /// `file`'s path relative to `root` (its import path).
    static func path(of file: URL, under root: URL) -> String {
        let base = root.standardizedFileURL.path
        let full = file.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : file.lastPathComponent
    }
}
