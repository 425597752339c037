/// What can go wrong in the smoke interpreter and its driver, one closed set.
package enum SmokeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `verify` ran on an instance whose id is not a 32-bit decimal integer, so no `VerificationResult.id` fits.
    case nonNumericID(String)
    /// An `async_operation` with `failure` set completed with this failure (the interpreter still applies its
    /// resolved commands, as upstream's embedded interpreter does).
    case asyncOperationFailed
    /// Driver parameters out of range; the text names each problem.
    case invalidParameters([String])
    /// The run did not reach the expected counts; the text lists the instances that differ.
    case verificationFailed([String])
    /// The embedded runtime failed while running the commands.
    case runtimeFailed(String)

    package var description: String {
        switch self {
        case .nonNumericID(let id):
            "the interpreter's id '\(id)' is not a 32-bit integer, so it cannot report a VerificationResult"
        case .asyncOperationFailed: "the async operation failed (as the command asked)"
        case .invalidParameters(let problems): "invalid smoke parameters: " + problems.joined(separator: "; ")
        case .verificationFailed(let problems):
            "verification failed for \(problems.count) instance(s): " + problems.prefix(10).joined(separator: "; ")
                + (problems.count > 10 ? "; ..." : "")
        case .runtimeFailed(let reason): "the runtime failed: \(reason)"
        }
    }
}
