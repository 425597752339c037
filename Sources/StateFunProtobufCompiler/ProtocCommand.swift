#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `statefun-protoc --swift_out=DIR [-I PATH]... [--swift_opt=Visibility=Public] FILE.proto...`: protoc's flags
/// for the Swift plugin, with the compiler built in.
package struct ProtocCommand: Sendable {
    package var outputDirectory: String?
    package var includePaths: [String] = []
    package var inputs: [String] = []
    package var options = SwiftGenerator.Options()

    package static let usage = """
        usage: statefun-protoc --swift_out=DIR [-I PATH]... [--swift_opt=Visibility=Public] FILE.proto...
          --swift_out=DIR      write DIR/<file path without .proto>.pb.swift for each input file
          -I PATH, --proto_path=PATH
                               where imports are looked up, in order (default: the current directory);
                               google/protobuf/{any,timestamp,duration,empty,wrappers,struct,field_mask}.proto
                               are built in
          --swift_opt=Visibility=Public|Internal
                               access level of the generated declarations (default Internal)
        """

    /// Parses the arguments (without the program name); the problem as text when they are wrong.
    package init(arguments: [String]) throws(ProtocUsageError) {
        var i = 0
        func value(_ flag: String, _ argument: String) throws(ProtocUsageError) -> String {
            if argument.hasPrefix(flag + "=") { return String(argument.dropFirst(flag.count + 1)) }
            if argument == flag {
                i += 1
                guard i < arguments.count else { throw ProtocUsageError("\(flag) needs a value") }
                return arguments[i]
            }
            if flag == "-I", argument.hasPrefix("-I") { return String(argument.dropFirst(2)) }
            throw ProtocUsageError("unknown flag \(argument)")
        }
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("--swift_out") {
                outputDirectory = try value("--swift_out", argument)
            } else if argument.hasPrefix("--proto_path") {
                includePaths.append(try value("--proto_path", argument))
            } else if argument.hasPrefix("-I") {
                includePaths.append(try value("-I", argument))
            } else if argument.hasPrefix("--swift_opt") {
                for option in try value("--swift_opt", argument).split(separator: ",") {
                    switch option {
                    case "Visibility=Public": options.isPublic = true
                    case "Visibility=Internal": options.isPublic = false
                    case "StateFunRuntime=true": options.insideStateFun = true
                    default: throw ProtocUsageError("unknown --swift_opt \(option)")
                    }
                }
            } else if argument == "-h" || argument == "--help" {
                throw ProtocUsageError("")
            } else if argument.hasPrefix("-") {
                throw ProtocUsageError("unknown flag \(argument)")
            } else {
                inputs.append(argument)
            }
            i += 1
        }
        guard outputDirectory != nil else { throw ProtocUsageError("missing --swift_out=DIR") }
        guard !inputs.isEmpty else { throw ProtocUsageError("no input files") }
    }

    /// Generated sources by output path (relative to the output directory), or every problem found.
    package func generate() throws(ProtoCompilerError) -> [(path: String, source: String)] {
        let tree = ProtoSourceTree(roots: includePaths)
        var importPaths: [String] = []
        var problems: [ProtoDiagnostic] = []
        for input in inputs {
            guard let path = tree.importPath(ofInput: input) else {
                problems.append(
                    ProtoDiagnostic(
                        SourceLocation(file: input, line: 1, column: 1),
                        "file does not reside within any path specified using --proto_path (or -I)"))
                continue
            }
            importPaths.append(path)
        }
        if !problems.isEmpty { throw ProtoCompilerError(problems) }
        var resolver = ProtoResolver(tree: tree)
        try resolver.load(importPaths)
        var generator = SwiftGenerator(resolver: resolver, options: options)
        return importPaths.map { path in
            let base = path.hasSuffix(".proto") ? String(path.dropLast(6)) : path
            return (base + ".pb.swift", generator.generate(file: path))
        }
    }

    /// Runs the command: writes the files; returns the exit status (0, or 1 after printing diagnostics).
    package func run() -> Int32 {
        let generated: [(path: String, source: String)]
        do {
            generated = try generate()
        } catch {
            printError(error.description)
            return 1
        }
        let root = outputDirectory ?? "."
        for (path, source) in generated {
            let full = root + "/" + path
            let directory = String(full[..<(full.lastIndex(of: "/") ?? full.startIndex)])
            do {
                if !directory.isEmpty {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                // Unchanged output is not rewritten, so a build does not recompile what did not change.
                if let existing = FileManager.default.contents(atPath: full), existing.elementsEqual(source.utf8) { continue }
                guard FileManager.default.createFile(atPath: full, contents: Data(source.utf8)) else {
                    printError("\(full): cannot write file")
                    return 1
                }
            } catch {
                printError("\(full): \(error)")
                return 1
            }
        }
        return 0
    }
}

/// Wrong command-line arguments (an empty message asks for the usage text alone).
package struct ProtocUsageError: Error, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
}

/// Writes a line to standard error.
package func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if written <= 0 { return }
        offset += written
    }
}
