package import StateFun
package import StateFunWire

/// `SourceCommand{int32 target = 1; Commands commands = 2}`: what upstream's driver (`CommandFlinkSource`) emits,
/// routed to the interpreter whose id is `target` in decimal (`CommandRouter`).
///
/// Typename `statefun.smoke.e2e/source-command` (upstream's `Types.SOURCE_COMMANDS_TYPE`). `commands` is a
/// submessage with explicit presence: `nil` (not on the wire) and an empty ``Commands`` (`12 00`) are different
/// encodings, exactly as in the official protobuf runtimes.
package struct SourceCommand: SmokeWireMessage, ProtobufMessage {
    package static let messageName = "org.apache.flink.statefun.e2e.smoke.SourceCommand"
    package static var typeName: TypeName { SmokeE2E.sourceCommandType }

    /// The interpreter instance the command goes to.
    package var target: Int32
    /// The commands to apply there; `nil` when the field is absent (then nothing is applied).
    package var commands: Commands?

    package init() {
        target = 0
        commands = nil
    }

    package init(target: Int32, commands: Commands?) {
        self.target = target
        self.commands = commands
    }

    package init(from reader: inout WireReader) throws {
        self.init()
        try merge(from: &reader)
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
