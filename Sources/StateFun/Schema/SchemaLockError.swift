/// Why a schema lock file cannot be used: every case names the file's problem precisely enough to fix it by hand.
package enum SchemaLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The lock could not be written.
    case unwritable(path: String, reason: String)
    /// The file is not JSON; `detail` is the parser's message (with line and column where the parser gives them).
    case syntax(detail: String)
    /// A field is missing or has the wrong kind of value; `field` is its path, e.g.
    /// `functions["shop/cart"].states["items"].type`.
    case field(String, problem: String)
    /// The file was written by a format this SDK does not know.
    case unsupportedVersion(String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the schema lock \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write the schema lock \(path): \(reason)"
        case .syntax(let detail): "the schema lock is not valid JSON: \(detail)"
        case .field(let field, let problem): "the schema lock's field \(field) \(problem)"
        case .unsupportedVersion(let version):
            "the schema lock has version \(version); this SDK reads version \(SchemaLock.formatVersion)"
        }
    }
}
