/// A function's answer, independent of the protocol version.
package enum BatchResponse: Sendable {
    /// 3.x `IncompleteInvocationContext`: the states the function needs registered first.
    case missingStates([StateRegistration])
    /// The effects (an answer with neither field set has none).
    case effects(BatchEffects)
}
