/// Which readiness a registered descriptor should be reported for.
struct IOInterest: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// Report when bytes can be read (or the peer closed).
    static let read = IOInterest(rawValue: 1)
    /// Report when bytes can be written (or a connect finished).
    static let write = IOInterest(rawValue: 2)
}
