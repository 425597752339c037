package import StateFunProtocol

extension ProtocolVersion {
    /// The version StateFunProtocol's writer speaks for this protocol.
    package var wire: FromFunctionWriter.Version {
        switch self {
        case .v3: .v3
        case .v2: .v2
        }
    }
}
