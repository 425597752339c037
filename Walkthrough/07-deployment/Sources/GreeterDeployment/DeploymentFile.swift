/// One file of a deployment: where it goes, relative to the deployment folder, and what it holds.
public struct DeploymentFile: Sendable, Equatable {
    /// The path inside the deployment folder, `/`-separated (`generator/Dockerfile`).
    public var path: String
    /// The file's text.
    public var contents: String

    /// A file at `path` holding `contents`.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
