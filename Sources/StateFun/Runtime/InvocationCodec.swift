import StateFunProtocol
/// A message in a mailbox or a batch: what was sent and by whom (`nil`: an ingress or an injected message).
package struct Envelope: Sendable, Equatable {
    package var caller: Address?
    package var message: Message

    package init(caller: Address?, message: Message) {
        self.caller = caller
        self.message = message
    }
}

/// A state as the runtime registered it for a function type: its name, typename and expiration.
package struct StateRegistration: Sendable, Equatable {
    package var name: String
    /// The registered typename (3.x; `io.statefun.types/unset` when the SDK sent none); empty on 2.x, where state
    /// values are opaque bytes.
    package var typeName: String
    package var expiration: Expiration

    package init(name: String, typeName: String, expiration: Expiration) {
        self.name = name
        self.typeName = typeName
        self.expiration = expiration
    }
}

/// A state value in a request: the registered typename and the stored bytes, or `nil` (registered, empty).
package struct StateSlot: Sendable {
    package var name: String
    package var typeName: String
    package var bytes: [UInt8]?

    package init(name: String, typeName: String, bytes: [UInt8]?) {
        self.name = name
        self.typeName = typeName
        self.bytes = bytes
    }
}

/// The effects of a batch, independent of the protocol version.
package struct BatchEffects: Sendable {
    package struct Mutation: Sendable {
        package var mutationType: Int32
        package var name: String
        package var typeName: String
        package var bytes: [UInt8]
    }

    package struct Outgoing: Sendable {
        package var target: Address?
        package var message: Message
    }

    package struct Delayed: Sendable {
        package var target: Address?
        package var message: Message?
        package var delayInMs: Int64
        package var isCancellation: Bool
        package var cancellationToken: String
    }

    package struct Egress: Sendable {
        package var egress: TypeName
        package var message: Message
    }

    package var mutations: [Mutation] = []
    package var outgoing: [Outgoing] = []
    package var delayed: [Delayed] = []
    package var egresses: [Egress] = []
}

/// A function's answer, independent of the protocol version.
package enum BatchResponse: Sendable {
    /// 3.x `IncompleteInvocationContext`: the states the function needs registered first.
    case missingStates([StateRegistration])
    /// The effects (an answer with neither field set has none).
    case effects(BatchEffects)
}

/// What the embedded runtime and the testing library share between the two codecs (each codec's side is in
/// `Runtime/TypedValueCodec+Runtime.swift` and `Runtime/AnyCodec+Runtime.swift`).
package enum InvocationCodec {
    /// The typename the 3.x runtime registers a state under when the SDK gave none.
    package static let unsetStateType = "io.statefun.types/unset"
}
