/// What the embedded runtime and the testing library share between the two codecs (each codec's side is in
/// `Runtime/TypedValueCodec+Runtime.swift` and `Runtime/AnyCodec+Runtime.swift`).
package enum InvocationCodec {
    /// The typename the 3.x runtime registers a state under when the SDK gave none.
    package static let unsetStateType = "io.statefun.types/unset"
}
