/// Why no deployment could be made from an app: every problem found, not just the first.
public struct DeploymentError: Error, Sendable, CustomStringConvertible {
    /// The problems, one sentence each.
    public var problems: [String]

    public var description: String {
        "cannot generate the deployment:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
