import StateFunProtobufCompiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// statefun-protoc: protoc's command line for Swift output, with the .proto compiler built in (Docs/Protobuf.md).
do {
    let command = try ProtocCommand(arguments: Array(CommandLine.arguments.dropFirst()))
    exit(command.run())
} catch {
    if !error.message.isEmpty { printError("statefun-protoc: \(error.message)") }
    printError(ProtocCommand.usage)
    exit(error.message.isEmpty ? 0 : 2)
}
