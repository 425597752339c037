/// A message in a mailbox or a batch: what was sent and by whom (`nil`: an ingress or an injected message).
package struct Envelope: Sendable, Equatable {
    package var caller: Address?
    package var message: Message

    package init(caller: Address?, message: Message) {
        self.caller = caller
        self.message = message
    }
}
