/// Parses one `.proto` file into a ``ProtoFile`` (the grammar of https://protobuf.dev/reference/protobuf/proto3-spec/
/// and proto2-spec/). Stops at the first syntax error, as protoc does for a file.
///
/// Constructs this compiler does not generate code for (groups, `extend`, editions) are errors that name the
/// construct, never skipped; services, options it does not use and `reserved` are parsed and checked, then ignored.
package struct ProtoParser {
    var tokens: [ProtoToken]
    var position = 0
    var file: ProtoFile

    /// Tokenizes `text`; `name` is the file's import path.
    package init(text: String, name: String) throws(ProtoDiagnostic) {
        var lexer = ProtoLexer(text: text, file: name)
        self.tokens = try lexer.tokenize()
        self.file = ProtoFile(name: name)
    }

    package static func parse(text: String, name: String) throws(ProtoDiagnostic) -> ProtoFile {
        var parser = try ProtoParser(text: text, name: name)
        return try parser.parseFile()
    }

    // MARK: - Tokens

    var current: ProtoToken { tokens[position] }

    mutating func next() -> ProtoToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func isSymbol(_ s: String) -> Bool { current.kind == .symbol && current.text == s }
    func isKeyword(_ s: String) -> Bool { current.kind == .identifier && current.text == s }

    func error(_ message: String, at token: ProtoToken? = nil) -> ProtoDiagnostic {
        let token = token ?? current
        return ProtoDiagnostic(token.location, message)
    }

    func describe(_ token: ProtoToken) -> String {
        switch token.kind {
        case .end: "end of input"
        case .string: "\"\(token.text)\""
        default: "\"\(token.text)\""
        }
    }

    mutating func expect(_ symbol: String) throws(ProtoDiagnostic) {
        guard isSymbol(symbol) else { throw error("expected \"\(symbol)\", found \(describe(current))") }
        _ = next()
    }

    mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        _ = next()
        return true
    }

    mutating func identifier(_ what: String) throws(ProtoDiagnostic) -> ProtoToken {
        guard current.kind == .identifier else { throw error("expected \(what), found \(describe(current))") }
        return next()
    }

    /// `a.b.c` (with an optional leading dot when `allowLeadingDot`).
    mutating func dottedName(_ what: String, allowLeadingDot: Bool) throws(ProtoDiagnostic) -> String {
        var name = ""
        if allowLeadingDot, accept(".") { name = "." }
        name += try identifier(what).text
        while isSymbol(".") {
            _ = next()
            name += "." + (try identifier(what).text)
        }
        return name
    }

    mutating func integer(_ what: String) throws(ProtoDiagnostic) -> Int {
        let negative = accept("-")
        let token = current
        guard token.kind == .integer else { throw error("expected \(what), found \(describe(token))") }
        _ = next()
        guard let magnitude = Self.parseInteger(token.text) else { throw error("integer out of range", at: token) }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw error("integer out of range", at: token) }
            return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw error("integer out of range", at: token) }
        return Int(magnitude)
    }

    /// Decimal, `0x` hex or leading-`0` octal, as the protobuf grammar has them.
    package static func parseInteger(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        if text.count > 1, text.hasPrefix("0") { return UInt64(text.dropFirst(), radix: 8) }
        return UInt64(text, radix: 10)
    }

    mutating func stringLiteral(_ what: String) throws(ProtoDiagnostic) -> ProtoToken {
        guard current.kind == .string else { throw error("expected \(what), found \(describe(current))") }
        var token = next()
        // Adjacent string literals concatenate.
        while current.kind == .string {
            token.bytes += next().bytes
        }
        return token
    }

    // MARK: - File

    mutating func parseFile() throws(ProtoDiagnostic) -> ProtoFile {
        if isKeyword("syntax") {
            _ = next()
            try expect("=")
            let token = try stringLiteral("a syntax string")
            switch String(decoding: token.bytes, as: UTF8.self) {
            case "proto2": file.syntax = .proto2
            case "proto3": file.syntax = .proto3
            case let other:
                throw error("unrecognized syntax identifier \"\(other)\"; this compiler supports \"proto2\" and \"proto3\"", at: token)
            }
            try expect(";")
        } else if isKeyword("edition") {
            throw error("editions are not supported (this compiler reads syntax \"proto2\" and \"proto3\" files)")
        }
        var sawPackage = false
        while current.kind != .end {
            if accept(";") { continue }
            let keyword = current
            guard keyword.kind == .identifier else { throw error("expected a top-level statement, found \(describe(keyword))") }
            switch keyword.text {
            case "import":
                _ = next()
                var kind = ProtoImport.Kind.normal
                if isKeyword("public") {
                    _ = next()
                    kind = .isPublic
                } else if isKeyword("weak") {
                    _ = next()
                    kind = .weak
                }
                let path = try stringLiteral("an import path")
                try expect(";")
                file.imports.append(
                    ProtoImport(path: String(decoding: path.bytes, as: UTF8.self), kind: kind, location: path.location))
            case "package":
                guard !sawPackage else { throw error("multiple package definitions") }
                sawPackage = true
                _ = next()
                file.package = try dottedName("a package name", allowLeadingDot: false)
                try expect(";")
            case "option":
                _ = next()
                file.options.append(try optionStatement())
            case "message":
                _ = next()
                file.messages.append(try message(comment: keyword.leadingComment, location: keyword.location))
            case "enum":
                _ = next()
                file.enums.append(try enumeration(comment: keyword.leadingComment, location: keyword.location))
            case "service":
                _ = next()
                _ = try identifier("a service name")
                try skipBlock()
            case "extend":
                throw error("extensions (\"extend\") are not supported")
            case "syntax":
                throw error("the syntax statement must come first")
            default:
                throw error("expected a top-level statement (message, enum, import, package, option, service), found \(describe(keyword))")
            }
        }
        return file
    }

    /// Skips a `{ ... }` block with everything in it (services are parsed to their end and ignored).
    mutating func skipBlock() throws(ProtoDiagnostic) {
        let open = current
        try expect("{")
        var depth = 1
        while depth > 0 {
            let token = next()
            if token.kind == .end { throw error("block not closed (missing \"}\")", at: open) }
            if token.kind == .symbol, token.text == "{" { depth += 1 }
            if token.kind == .symbol, token.text == "}" { depth -= 1 }
        }
    }
}
