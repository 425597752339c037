/// One file a `deploy` command writes: where it goes inside the output folder, and its text.
package struct DeployFile: Sendable, Equatable {
    /// The path inside the output folder, `/`-separated (`10-module.yaml`).
    package var path: String
    /// The file's text.
    package var contents: String

    package init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
