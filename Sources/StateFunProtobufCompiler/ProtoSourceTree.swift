#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where imports are looked up: the `-I` roots in order, then the well-known types embedded in the compiler
/// (so `import "google/protobuf/timestamp.proto";` works with no protobuf installation).
package struct ProtoSourceTree: Sendable {
    package var roots: [String]

    package init(roots: [String]) {
        self.roots = roots.isEmpty ? ["."] : roots
    }

    /// The text of the file that `path` (an import path) names, and the disk path it came from.
    package func read(_ path: String) -> (text: String, diskPath: String)? {
        for root in roots {
            let full = root == "." ? path : (root.hasSuffix("/") ? root + path : root + "/" + path)
            if let data = FileManager.default.contents(atPath: full) {
                return (String(decoding: data, as: UTF8.self), full)
            }
        }
        if let text = WellKnownProtos.sources[path] { return (text, path) }
        return nil
    }

    /// The import path of a file named on the command line: its path relative to the first root that holds it
    /// (protoc's rule), or nil when no root does.
    package func importPath(ofInput input: String) -> String? {
        let cleanInput = Self.normalize(input)
        for root in roots {
            let cleanRoot = Self.normalize(root)
            if cleanRoot == "." || cleanRoot.isEmpty {
                if !cleanInput.hasPrefix("/"), !cleanInput.hasPrefix("../") { return cleanInput }
                continue
            }
            if cleanInput.hasPrefix(cleanRoot + "/") { return String(cleanInput.dropFirst(cleanRoot.count + 1)) }
        }
        return nil
    }

    /// Removes `./` parts and doubled or trailing slashes.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
