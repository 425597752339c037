import Foundation
@testable import StateFunProtobufCompiler

/// Compiles `.proto` texts given by import path, with nothing on disk.
enum CompilerTestSupport {
    static var fixtures: URL {
        Bundle.module.resourceURL.unsafelyUnwrapped.appendingPathComponent("Fixtures")
    }

    static func protoRoot() -> String { fixtures.appendingPathComponent("protos").path }

    /// Runs the compiler on `files` (import path to text) written to a temporary root; the generated sources or
    /// the diagnostics as text.
    static func compile(_ files: [String: String], inputs: [String]? = nil, options: SwiftGenerator.Options = .init())
        throws -> Result<[String: String], ProtoCompilerError>
    {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("statefun-protoc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var command = try ProtocCommand(arguments: ["--swift_out=unused", "-I", root.path] + (inputs ?? files.keys.sorted()).map { root.path + "/" + $0 })
        command.options = options
        do {
            let generated = try command.generate()
            return .success(Dictionary(uniqueKeysWithValues: generated.map { ($0.path, $0.source) }))
        } catch {
            return .failure(error)
        }
    }

    /// The diagnostics for `text` as `a.proto`, one per line (empty when it compiles).
    static func diagnostics(_ text: String, extra: [String: String] = [:]) throws -> [String] {
        var files = extra
        files["a.proto"] = text
        switch try compile(files, inputs: ["a.proto"]) {
        case .success: return []
        case .failure(let error): return error.diagnostics.map(\.description)
        }
    }
}
