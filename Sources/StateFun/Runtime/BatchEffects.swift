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
