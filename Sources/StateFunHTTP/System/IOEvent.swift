/// One readiness report from an ``EventQueue``.
struct IOEvent: Sendable {
    /// The token the descriptor was registered with, or ``EventQueue/wakeToken`` for a wake-up.
    var token: UInt64
    /// Readable, or the peer closed its side.
    var readable: Bool
    /// Writable.
    var writable: Bool
    /// An error or hang-up is pending; reading or writing will report it.
    var failed: Bool
}
