#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Writes a deploy command's files into its output folder, or compares them with what is there (`--check`).
package enum DeployFolder {
    /// Writes `files` under `folder` (created as needed); returns the paths written.
    package static func write(_ files: [DeployFile], to folder: String) throws -> [String] {
        var written: [String] = []
        for file in files {
            let path = join(folder, file.path)
            let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            if !parent.isEmpty { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            try Data(file.contents.utf8).write(to: URL(filePath: path))
            written.append(path)
        }
        return written
    }

    /// The paths under `folder` whose contents differ from `files` (missing ones included).
    package static func stale(_ files: [DeployFile], in folder: String) -> [String] {
        files.compactMap { file in
            let path = join(folder, file.path)
            let onDisk = FileManager.default.contents(atPath: path)
            return onDisk == Data(file.contents.utf8) ? nil : path
        }
    }

    private static func join(_ folder: String, _ path: String) -> String {
        folder.isEmpty || folder == "." ? path : (folder.hasSuffix("/") ? folder + path : folder + "/" + path)
    }
}
