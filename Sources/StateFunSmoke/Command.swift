import StateFun
package import StateFunWire

/// `Command` of upstream's `commands.proto`: one instruction for an interpreter, the oneof `command` of
/// `increment = 1`, `send = 2`, `send_after = 3`, `send_egress = 4`, `async_operation = 5`, `verify = 6`,
/// `cancel_send_after = 7`.
///
/// A oneof member is written whenever it is set, even when its message is empty (`increment` is `0A 00`, a
/// `Verify` of 0 is `32 00`); a command with no member set encodes to zero bytes and an interpreter ignores it.
package struct Command: SmokeWireMessage, ProtobufMessage {
    package static let messageName = "org.apache.flink.statefun.e2e.smoke.Command"

    /// The oneof `command`.
    package enum Kind: Sendable, Hashable {
        /// `IncrementState{}`: add one to the interpreter's counter.
        case increment
        /// `Send`: send commands to another interpreter now.
        case send(Send)
        /// `SendAfter`: send commands to another interpreter after a delay, optionally cancellable.
        case sendAfter(SendAfter)
        /// `SendEgress{}`: write a throwaway record to the discard egress.
        case sendEgress
        /// `AsyncOperation`: run an asynchronous operation, then apply more commands.
        case asyncOperation(AsyncOperation)
        /// `Verify`: report the counter and the driver's expectation to the verification egress.
        case verify(Verify)
        /// `CancelSendAfter`: cancel a pending delayed message by its token.
        case cancelSendAfter(CancelSendAfter)
    }

    /// `Send{int32 target = 1; Commands commands = 2}`.
    package struct Send: SmokeWireMessage {
        package var target: Int32
        package var commands: Commands?

        package init() {
            target = 0
            commands = nil
        }

        package init(target: Int32, commands: Commands?) {
            self.target = target
            self.commands = commands
        }

        package mutating func merge(from reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: target = try reader.readInt32(tag)
                case 2: commands = try Commands.embedded(tag, from: &reader, into: commands)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeInt32(1, target)
            commands?.write(2, to: &writer)
        }
    }

    /// `SendAfter{int32 target = 1; Commands commands = 2; string cancellation_token = 3}`.
    package struct SendAfter: SmokeWireMessage {
        package var target: Int32
        package var commands: Commands?
        /// Empty: not cancellable.
        package var cancellationToken: String

        package init() {
            target = 0
            commands = nil
            cancellationToken = ""
        }

        package init(target: Int32, commands: Commands?, cancellationToken: String = "") {
            self.target = target
            self.commands = commands
            self.cancellationToken = cancellationToken
        }

        package mutating func merge(from reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: target = try reader.readInt32(tag)
                case 2: commands = try Commands.embedded(tag, from: &reader, into: commands)
                case 3: cancellationToken = try reader.readString(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeInt32(1, target)
            commands?.write(2, to: &writer)
            writer.writeString(3, cancellationToken)
        }
    }

    /// `AsyncOperation{bool failure = 1; Commands resolved_commands = 2}`.
    package struct AsyncOperation: SmokeWireMessage {
        /// Whether the operation completes with a failure (its resolved commands are applied either way).
        package var failure: Bool
        package var resolvedCommands: Commands?

        package init() {
            failure = false
            resolvedCommands = nil
        }

        package init(failure: Bool, resolvedCommands: Commands?) {
            self.failure = failure
            self.resolvedCommands = resolvedCommands
        }

        package mutating func merge(from reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: failure = try reader.readBool(tag)
                case 2: resolvedCommands = try Commands.embedded(tag, from: &reader, into: resolvedCommands)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeBool(1, failure)
            resolvedCommands?.write(2, to: &writer)
        }
    }

    /// `Verify{int64 expected = 1}`.
    package struct Verify: SmokeWireMessage {
        package var expected: Int64

        package init() {
            expected = 0
        }

        package init(expected: Int64) {
            self.expected = expected
        }

        package mutating func merge(from reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: expected = try reader.readInt64(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeInt64(1, expected)
        }
    }

    /// `CancelSendAfter{int32 target = 1; string cancellation_token = 2}`.
    package struct CancelSendAfter: SmokeWireMessage {
        /// The target of the message to cancel (informational: the runtime finds it by token and sender).
        package var target: Int32
        package var cancellationToken: String

        package init() {
            target = 0
            cancellationToken = ""
        }

        package init(target: Int32, cancellationToken: String) {
            self.target = target
            self.cancellationToken = cancellationToken
        }

        package mutating func merge(from reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: target = try reader.readInt32(tag)
                case 2: cancellationToken = try reader.readString(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeInt32(1, target)
            writer.writeString(2, cancellationToken)
        }
    }

    /// An empty message (`IncrementState{}`, `SendEgress{}`): its fields, if any arrive, are skipped.
    private struct Empty: SmokeWireMessage {
        init() {}
        mutating func merge(from reader: inout WireReader) throws(WireError) {
            while let tag = try reader.nextField() { try reader.skip(tag) }
        }
        func encode(to writer: inout WireWriter) {}
    }

    /// The member set, or `nil` when none is.
    package var kind: Kind?

    package init() {
        kind = nil
    }

    package init(_ kind: Kind) {
        self.kind = kind
    }

    package init(from reader: inout WireReader) throws {
        self.init()
        try merge(from: &reader)
    }

    package mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextField() {
            // A member that occurs again merges into the one already set; another member replaces it.
            switch tag.number {
            case 1:
                _ = try Empty.embedded(tag, from: &reader, into: nil)
                kind = .increment
            case 2:
                var existing: Send?
                if case .send(let value) = kind { existing = value }
                kind = .send(try Send.embedded(tag, from: &reader, into: existing))
            case 3:
                var existing: SendAfter?
                if case .sendAfter(let value) = kind { existing = value }
                kind = .sendAfter(try SendAfter.embedded(tag, from: &reader, into: existing))
            case 4:
                _ = try Empty.embedded(tag, from: &reader, into: nil)
                kind = .sendEgress
            case 5:
                var existing: AsyncOperation?
                if case .asyncOperation(let value) = kind { existing = value }
                kind = .asyncOperation(try AsyncOperation.embedded(tag, from: &reader, into: existing))
            case 6:
                var existing: Verify?
                if case .verify(let value) = kind { existing = value }
                kind = .verify(try Verify.embedded(tag, from: &reader, into: existing))
            case 7:
                var existing: CancelSendAfter?
                if case .cancelSendAfter(let value) = kind { existing = value }
                kind = .cancelSendAfter(try CancelSendAfter.embedded(tag, from: &reader, into: existing))
            default:
                try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        switch kind {
        case nil: break
        case .increment: writer.writeMessage(1) { _ in }
        case .send(let value): value.write(2, to: &writer)
        case .sendAfter(let value): value.write(3, to: &writer)
        case .sendEgress: writer.writeMessage(4) { _ in }
        case .asyncOperation(let value): value.write(5, to: &writer)
        case .verify(let value): value.write(6, to: &writer)
        case .cancelSendAfter(let value): value.write(7, to: &writer)
        }
    }
}

extension Command {
    /// `increment {}`.
    package static var increment: Command { Command(.increment) }
    /// `send_egress {}`.
    package static var sendEgress: Command { Command(.sendEgress) }
    /// `send {target, commands}`.
    package static func send(_ target: Int32, _ commands: Commands?) -> Command {
        Command(.send(Send(target: target, commands: commands)))
    }
    /// `send_after {target, commands, cancellation_token}`.
    package static func sendAfter(_ target: Int32, _ commands: Commands?, token: String = "") -> Command {
        Command(.sendAfter(SendAfter(target: target, commands: commands, cancellationToken: token)))
    }
    /// `async_operation {failure, resolved_commands}`.
    package static func asyncOperation(failure: Bool, _ resolved: Commands?) -> Command {
        Command(.asyncOperation(AsyncOperation(failure: failure, resolvedCommands: resolved)))
    }
    /// `verify {expected}`.
    package static func verify(_ expected: Int64) -> Command { Command(.verify(Verify(expected: expected))) }
    /// `cancel_send_after {target, cancellation_token}`.
    package static func cancelSendAfter(_ target: Int32, token: String) -> Command {
        Command(.cancelSendAfter(CancelSendAfter(target: target, cancellationToken: token)))
    }
}
