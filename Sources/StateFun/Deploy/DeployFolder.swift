#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
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

    /// The UTF-8 text of the file at `path`; `nil` when it cannot be read, is not UTF-8 or is longer than
    /// `maxBytes` (read in chunks, so a huge file costs no more than `maxBytes`).
    package static func readText(_ path: String, maxBytes: Int) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { _ = close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > maxBytes { return nil }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func join(_ folder: String, _ path: String) -> String {
        folder.isEmpty || folder == "." ? path : (folder.hasSuffix("/") ? folder + path : folder + "/" + path)
    }
}
