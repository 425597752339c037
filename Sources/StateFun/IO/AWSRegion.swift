/// The AWS region of a Kinesis ingress or egress (`awsRegion` in module.yaml, `protocol.md` §5.4).
public enum AWSRegion: Sendable, Hashable {
    /// AWS's default region provider chain (`type: default`).
    case `default`
    /// A region by id, e.g. `us-east-1` (`type: specific`).
    case specific(String)
    /// A custom endpoint URL (e.g. a local Kinesis emulator) with the region id to sign requests for
    /// (`type: custom-endpoint`).
    case customEndpoint(url: String, id: String)
}
