/// Parses one `.proto` file into a ``ProtoFile`` (the grammar of https://protobuf.dev/reference/protobuf/proto3-spec/
/// and proto2-spec/). Stops at the first syntax error, as protoc does for a file.
///
/// Constructs this compiler does not generate code for (groups, `extend`, editions) are errors that name the
/// construct, never skipped; services, options it does not use and `reserved` are parsed and checked, then ignored.
package struct ProtoParser {
    private var tokens: [ProtoToken]
    private var position = 0
    private var file: ProtoFile

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

    private var current: ProtoToken { tokens[position] }

    private mutating func next() -> ProtoToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol && current.text == s }
    private func isKeyword(_ s: String) -> Bool { current.kind == .identifier && current.text == s }

    private func error(_ message: String, at token: ProtoToken? = nil) -> ProtoDiagnostic {
        let token = token ?? current
        return ProtoDiagnostic(token.location, message)
    }

    private func describe(_ token: ProtoToken) -> String {
        switch token.kind {
        case .end: "end of input"
        case .string: "\"\(token.text)\""
        default: "\"\(token.text)\""
        }
    }

    private mutating func expect(_ symbol: String) throws(ProtoDiagnostic) {
        guard isSymbol(symbol) else { throw error("expected \"\(symbol)\", found \(describe(current))") }
        _ = next()
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        _ = next()
        return true
    }

    private mutating func identifier(_ what: String) throws(ProtoDiagnostic) -> ProtoToken {
        guard current.kind == .identifier else { throw error("expected \(what), found \(describe(current))") }
        return next()
    }

    /// `a.b.c` (with an optional leading dot when `allowLeadingDot`).
    private mutating func dottedName(_ what: String, allowLeadingDot: Bool) throws(ProtoDiagnostic) -> String {
        var name = ""
        if allowLeadingDot, accept(".") { name = "." }
        name += try identifier(what).text
        while isSymbol(".") {
            _ = next()
            name += "." + (try identifier(what).text)
        }
        return name
    }

    private mutating func integer(_ what: String) throws(ProtoDiagnostic) -> Int {
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

    private mutating func stringLiteral(_ what: String) throws(ProtoDiagnostic) -> ProtoToken {
        guard current.kind == .string else { throw error("expected \(what), found \(describe(current))") }
        var token = next()
        // Adjacent string literals concatenate.
        while current.kind == .string {
            token.bytes += next().bytes
        }
        return token
    }

    // MARK: - File

    private mutating func parseFile() throws(ProtoDiagnostic) -> ProtoFile {
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
    private mutating func skipBlock() throws(ProtoDiagnostic) {
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

    // MARK: - Options

    /// `option name = constant;` (after `option`).
    private mutating func optionStatement() throws(ProtoDiagnostic) -> ProtoOption {
        let option = try optionAssignment()
        try expect(";")
        return option
    }

    /// `name = constant`; names may be `(custom.ext).field`.
    private mutating func optionAssignment() throws(ProtoDiagnostic) -> ProtoOption {
        let location = current.location
        var name = ""
        repeat {
            if accept("(") {
                name += "(" + (try dottedName("an option name", allowLeadingDot: true)) + ")"
                try expect(")")
            } else {
                name += try identifier("an option name").text
            }
            if isSymbol(".") {
                _ = next()
                name += "."
                continue
            }
            break
        } while true
        try expect("=")
        var option = ProtoOption(name: name, text: "", bytes: nil, location: current.location)
        if isSymbol("{") {
            try skipBlock()
            option.text = "{...}"
        } else if current.kind == .string {
            option.bytes = try stringLiteral("a constant").bytes
        } else {
            var text = ""
            if accept("-") { text = "-" } else if accept("+") { text = "" }
            let token = next()
            guard token.kind == .identifier || token.kind == .integer || token.kind == .float else {
                throw error("expected a constant, found \(describe(token))", at: token)
            }
            option.text = text + token.text
        }
        _ = location
        return option
    }

    /// `[a = 1, b = "x"]` after a field or enum value, if present.
    private mutating func fieldOptions() throws(ProtoDiagnostic) -> [ProtoOption] {
        guard accept("[") else { return [] }
        var options: [ProtoOption] = []
        repeat {
            options.append(try optionAssignment())
        } while accept(",")
        try expect("]")
        return options
    }

    // MARK: - Messages

    private static let scalarNames = Set(ProtoScalar.allCases.map(\.rawValue))

    private mutating func message(comment: String?, location: SourceLocation) throws(ProtoDiagnostic) -> ProtoMessage {
        let name = try identifier("a message name")
        var message = ProtoMessage(name: name.text, comment: comment, location: name.location)
        try expect("{")
        try messageBody(&message)
        return message
    }

    private mutating func messageBody(_ message: inout ProtoMessage) throws(ProtoDiagnostic) {
        while !accept("}") {
            if current.kind == .end { throw error("message \(message.name) not closed (missing \"}\")") }
            if accept(";") { continue }
            let keyword = current
            switch (keyword.kind, keyword.text) {
            case (.identifier, "message"):
                _ = next()
                message.messages.append(try self.message(comment: keyword.leadingComment, location: keyword.location))
            case (.identifier, "enum"):
                _ = next()
                message.enums.append(try enumeration(comment: keyword.leadingComment, location: keyword.location))
            case (.identifier, "option"):
                _ = next()
                let option = try optionStatement()
                if option.name == "map_entry" {
                    throw ProtoDiagnostic(option.location, "map_entry should not be set explicitly; use map<KeyType, ValueType> instead")
                }
                message.options.append(option)
            case (.identifier, "reserved"):
                _ = next()
                try reserved(numbers: &message.reservedNumbers, names: &message.reservedNames, max: 536_870_911)
            case (.identifier, "extensions"):
                // Extension ranges only allow extensions elsewhere; the message itself is unaffected.
                _ = next()
                var names: [String] = []
                try reserved(numbers: &message.extensionRanges, names: &names, max: 536_870_911)
            case (.identifier, "extend"):
                throw error("extensions (\"extend\") are not supported")
            case (.identifier, "oneof"):
                _ = next()
                try oneof(&message, comment: keyword.leadingComment)
            case (.identifier, _):
                message.fields.append(try field(in: &message, oneofIndex: nil))
            default:
                throw error("expected a field, message, enum, oneof, option or reserved statement, found \(describe(keyword))")
            }
        }
    }

    /// `reserved 2, 15, 9 to 11, 40 to max;` or `reserved "foo", "bar";` (after the keyword).
    private mutating func reserved(
        numbers: inout [ClosedRange<Int>], names: inout [String], max: Int
    ) throws(ProtoDiagnostic) {
        if current.kind == .string {
            repeat {
                names.append(String(decoding: try stringLiteral("a field name").bytes, as: UTF8.self))
            } while accept(",")
        } else if current.kind == .identifier, !isKeyword("max") {
            // Editions spell reserved names as identifiers; proto2/proto3 quote them.
            throw error("reserved names must be string literals in proto2 and proto3")
        } else {
            repeat {
                let from = current
                let low = try integer("a field number")
                var high = low
                if isKeyword("to") {
                    _ = next()
                    if isKeyword("max") {
                        _ = next()
                        high = max
                    } else {
                        high = try integer("a field number")
                    }
                }
                guard low <= high else { throw error("reserved range end is before its start", at: from) }
                numbers.append(low...high)
            } while accept(",")
        }
        try expect(";")
    }

    private mutating func oneof(_ message: inout ProtoMessage, comment: String?) throws(ProtoDiagnostic) {
        let name = try identifier("a oneof name")
        let index = message.oneofs.count
        message.oneofs.append(ProtoOneof(name: name.text, comment: comment, location: name.location))
        try expect("{")
        var count = 0
        while !accept("}") {
            if current.kind == .end { throw error("oneof \(name.text) not closed (missing \"}\")") }
            if accept(";") { continue }
            if isKeyword("option") {
                _ = next()
                _ = try optionStatement()
                continue
            }
            if isKeyword("optional") || isKeyword("required") || isKeyword("repeated") {
                throw error("fields in oneofs must not have labels (required / optional / repeated)")
            }
            if isKeyword("map") {
                throw error("map fields are not allowed in oneofs")
            }
            message.fields.append(try field(in: &message, oneofIndex: index))
            count += 1
        }
        if count == 0 { throw ProtoDiagnostic(name.location, "oneof must have at least one field") }
    }

    private mutating func field(in message: inout ProtoMessage, oneofIndex: Int?) throws(ProtoDiagnostic) -> ProtoField {
        let first = current
        var label = ProtoLabel.none
        switch first.text {
        case "optional":
            _ = next()
            label = .optional
        case "required":
            _ = next()
            label = .required
        case "repeated":
            _ = next()
            label = .repeated
        default: break
        }
        if isKeyword("group") {
            throw error("groups are not supported (proto2 \"group\" fields; use a nested message instead)")
        }
        if isKeyword("map"), tokens[position + 1].kind == .symbol, tokens[position + 1].text == "<" {
            return try mapField(label: label, first: first)
        }
        let typeLocation = current.location
        let typeName = try dottedName("a field type", allowLeadingDot: true)
        let type: ProtoFieldType =
            Self.scalarNames.contains(typeName) ? .scalar(ProtoScalar(rawValue: typeName) ?? .int32) : .unresolved(typeName)
        let name = try identifier("a field name")
        try expect("=")
        let number = try integer("a field number")
        let options = try fieldOptions()
        try expect(";")
        return ProtoField(
            name: name.text, number: number, label: label, type: type, mapKey: nil, mapValue: nil, options: options,
            oneofIndex: oneofIndex, comment: first.leadingComment, location: name.location, typeLocation: typeLocation)
    }

    private mutating func mapField(label: ProtoLabel, first: ProtoToken) throws(ProtoDiagnostic) -> ProtoField {
        if label != .none { throw error("map fields cannot have labels", at: first) }
        _ = next()
        try expect("<")
        let keyToken = current
        let keyName = try dottedName("a map key type", allowLeadingDot: true)
        guard let key = ProtoScalar(rawValue: keyName), key != .double, key != .float, key != .bytes else {
            throw error("key in map fields cannot be float/double, bytes or message types", at: keyToken)
        }
        try expect(",")
        let valueLocation = current.location
        let valueName = try dottedName("a map value type", allowLeadingDot: true)
        let value: ProtoFieldType =
            Self.scalarNames.contains(valueName) ? .scalar(ProtoScalar(rawValue: valueName) ?? .int32) : .unresolved(valueName)
        try expect(">")
        let name = try identifier("a field name")
        try expect("=")
        let number = try integer("a field number")
        let options = try fieldOptions()
        try expect(";")
        return ProtoField(
            name: name.text, number: number, label: .repeated, type: .scalar(.bytes), mapKey: key, mapValue: value,
            options: options, oneofIndex: nil, comment: first.leadingComment, location: name.location,
            typeLocation: valueLocation)
    }

    // MARK: - Enums

    private mutating func enumeration(comment: String?, location: SourceLocation) throws(ProtoDiagnostic) -> ProtoEnum {
        let name = try identifier("an enum name")
        var result = ProtoEnum(name: name.text, comment: comment, location: name.location)
        result.isClosed = file.syntax == .proto2
        try expect("{")
        var reservedNumbers: [ClosedRange<Int>] = []
        var reservedNames: [String] = []
        while !accept("}") {
            if current.kind == .end { throw error("enum \(name.text) not closed (missing \"}\")") }
            if accept(";") { continue }
            let token = current
            if isKeyword("option") {
                _ = next()
                result.options.append(try optionStatement())
                continue
            }
            if isKeyword("reserved") {
                _ = next()
                try reserved(numbers: &reservedNumbers, names: &reservedNames, max: Int(Int32.max))
                continue
            }
            let valueName = try identifier("an enum value name")
            try expect("=")
            let numberToken = current
            let number = try integer("an enum value number")
            guard number >= Int(Int32.min), number <= Int(Int32.max) else {
                throw error("enum value numbers must fit in int32", at: numberToken)
            }
            _ = try fieldOptions()
            try expect(";")
            result.values.append(
                ProtoEnumValue(name: valueName.text, number: number, comment: token.leadingComment, location: valueName.location))
        }
        if result.values.isEmpty { throw ProtoDiagnostic(name.location, "enums must contain at least one value") }
        for value in result.values {
            if reservedNames.contains(value.name) {
                throw ProtoDiagnostic(value.location, "enum value \"\(value.name)\" is reserved")
            }
            if reservedNumbers.contains(where: { $0.contains(value.number) }) {
                throw ProtoDiagnostic(value.location, "enum value \"\(value.name)\" uses reserved number \(value.number)")
            }
        }
        return result
    }
}
