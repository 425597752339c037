package import StateFun
package import StateFunWire

/// `Commands{repeated Command command = 1}` of upstream's `commands.proto`
/// (package `org.apache.flink.statefun.e2e.smoke`): a list of commands an interpreter applies in order.
///
/// Travels between interpreter instances with typename `statefun.smoke.e2e/commands` (upstream's
/// `Types.COMMANDS_TYPE`), as plain message bytes.
package struct Commands: SmokeWireMessage, ProtobufMessage {
    package static let messageName = "org.apache.flink.statefun.e2e.smoke.Commands"
    package static var typeName: TypeName { SmokeE2E.commandsType }

    /// The commands, in order.
    package var command: [Command]

    package init() {
        command = []
    }

    package init(_ command: [Command]) {
        self.command = command
    }

    package init(from reader: inout WireReader) throws {
        self.init()
        try merge(from: &reader)
    }

    package mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: command.append(try Command.embedded(tag, from: &reader, into: nil))
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        for element in command { element.write(1, to: &writer) }
    }
}
