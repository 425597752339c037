package import StateFun

/// The names upstream's smoke end-to-end test binds together (`statefun-smoke-e2e-driver`'s `Constants` and
/// `Types`): the function, its state, the egresses and the message typenames. Every SDK's interpreter must use
/// exactly these, or the driver's routing and verification sink never see its messages.
package enum SmokeE2E {
    /// `statefun.smoke.e2e`.
    package static let namespace = "statefun.smoke.e2e"
    /// The interpreter function, `statefun.smoke.e2e/command-interpreter-fn`; instance ids are `0`...`N-1`.
    package static let functionType = TypeName(namespace: namespace, name: "command-interpreter-fn")
    /// The egress `send_egress` writes to, `statefun.smoke.e2e/discard-sink` (a discarding sink upstream).
    package static let discardEgress = TypeName(namespace: namespace, name: "discard-sink")
    /// The egress `verify` writes to, `statefun.smoke.e2e/verification-sink`.
    package static let verificationEgress = TypeName(namespace: namespace, name: "verification-sink")
    /// Typename of ``SourceCommand``.
    package static let sourceCommandType = TypeName(namespace: namespace, name: "source-command")
    /// Typename of ``Commands``.
    package static let commandsType = TypeName(namespace: namespace, name: "commands")
    /// Typename of ``VerificationResult``.
    package static let verificationResultType = TypeName(namespace: namespace, name: "verification-result")
    /// The interpreter's counter: state `state` of type long (`io.statefun.types/long`), as in the Go and Java
    /// interpreters.
    package static let state = ValueSpec<Int64>("state")
    /// The record `send_egress` writes (any string does; upstream's Go, Java and JS interpreters write this one).
    package static let discardedMessage = "discarded-message"
    /// The delay of `send_after`: 1 ms, as upstream's interpreters use.
    package static let sendAfterDelay = Duration.milliseconds(1)

    /// The address of interpreter instance `id`.
    package static func address(_ id: Int32) -> Address { Address(functionType, id: String(id)) }
}
