/// The AWS credentials of a Kinesis ingress or egress (`awsCredentials` in module.yaml, `protocol.md` §5.4).
///
/// Basic credentials end up in module.yaml in clear text; prefer ``default`` or ``profile(name:path:)``.
public enum AWSCredentials: Sendable, Hashable {
    /// AWS's default credentials provider chain (`type: default`).
    case `default`
    /// An access key pair (`type: basic`).
    case basic(accessKeyId: String, secretAccessKey: String)
    /// A named profile of a credentials file (`type: profile`), the default file when `path` is `nil`.
    case profile(name: String, path: String? = nil)
}
