/// A place in a `.proto` file: 1-based line and column (columns count characters), as protoc reports them.
package struct SourceLocation: Sendable, Hashable {
    /// The file's name as given on the command line or found under an `-I` root.
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// One problem with the input, printed `FILE:LINE:COL: message` like protoc's.
package struct ProtoDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    package var location: SourceLocation
    package var message: String

    package init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    package var description: String { "\(location.file):\(location.line):\(location.column): \(message)" }
}

/// The compiler's one error type: every problem found (the parser stops at a file's first syntax error; the
/// resolver collects all it finds).
package struct ProtoCompilerError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [ProtoDiagnostic]

    package init(_ diagnostics: [ProtoDiagnostic]) {
        self.diagnostics = diagnostics
    }

    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
