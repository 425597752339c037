#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import Testing

/// Compile-time check of overload resolution: a snippet is type-checked by `swiftc -dump-ast` against the StateFun
/// module this test binary was built with (its `Modules` folder beside the binary), and the type the compiler
/// gave each integer literal is read from the typed AST.
@Suite("Integer literals resolve to Int64, at compile time")
struct IntegerLiteralTypecheckTests {
    /// Lines 3-5: sends of integer literals, which must not become `Double`s; line 6 (an `Int` value) must compile.
    /// Line 7: a literal explicitly made a `Double`, which the check must see as one (or it proves nothing).
    static let snippet = """
        import StateFun
        func handle(_ context: Context, _ target: Address, _ count: Int) throws {
            try context.send(5, to: target)
            try context.reply(7)
            try context.send(8, to: target, after: .seconds(1))
            try context.send(count, to: target)
            try context.send(5 as Double, to: target)
        }
        """

    @Test func anIntegerLiteralSendResolvesToIntAndTravelsAsLong() throws {
        let (status, ast) = try Self.typecheck(Self.snippet, "-dump-ast")
        try #require(status == 0, "\(ast)")
        let literals = Self.integerLiteralTypes(ast)
        for line in 3...5 {
            let types = literals[line] ?? []
            #expect(!types.isEmpty && types.allSatisfy { $0 == "Int" }, "line \(line): \(types)")
        }
        #expect(literals[7] == ["Double"], "the check sees a literal that became a Double")
    }

    /// The type of every integer literal of the snippet, by line
    /// (`integer_literal_expr type="Int" location=/tmp/…/snippet.swift:3:22`).
    static func integerLiteralTypes(_ ast: String) -> [Int: [String]] {
        var types: [Int: [String]] = [:]
        for line in ast.split(separator: "\n") where line.contains("(integer_literal_expr") {
            guard let type = line.firstMatch(of: /type="([^"]+)"/)?.1,
                let location = line.firstMatch(of: /location=[^ ]*snippet\.swift:([0-9]+):/)?.1, let number = Int(location)
            else { continue }
            types[number, default: []].append(String(type))
        }
        return types
    }

    /// Runs `swiftc <mode> <extra>` (`-typecheck`, `-dump-ast`) on `source` against the modules beside the test
    /// binary; returns swiftc's status and output.
    static func typecheck(_ source: String, _ mode: String, _ extra: [String] = []) throws -> (Int32, String) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = binary.deletingLastPathComponent()
        // The runner may be inside a bundle (`….xctest/Contents/MacOS/…`): walk up to the build folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Modules/StateFun.swiftmodule").path) {
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path {
                Issue.record("no Modules/StateFun.swiftmodule above \(binary.path)")
                return (-1, "")
            }
            folder = parent
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("typecheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("snippet.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        var arguments = ["swiftc", mode] + extra + ["-swift-version", "6", "-I", folder.appendingPathComponent("Modules").path]
        let builds = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in builds.sorted() where name.hasSuffix(".build") {
            let map = folder.appendingPathComponent(name).appendingPathComponent("module.modulemap").path
            if FileManager.default.fileExists(atPath: map) { arguments += ["-Xcc", "-fmodule-map-file=\(map)"] }
        }
        arguments.append(file.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
