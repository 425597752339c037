/// Option statements and field options (`[packed = true]`, `[default = ...]`): parsed and kept
/// as written; the generator reads the few it uses.
extension ProtoParser {
    /// `option name = constant;` (after `option`).
    mutating func optionStatement() throws(ProtoDiagnostic) -> ProtoOption {
        let option = try optionAssignment()
        try expect(";")
        return option
    }

    /// `name = constant`; names may be `(custom.ext).field`.
    mutating func optionAssignment() throws(ProtoDiagnostic) -> ProtoOption {
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
    mutating func fieldOptions() throws(ProtoDiagnostic) -> [ProtoOption] {
        guard accept("[") else { return [] }
        var options: [ProtoOption] = []
        repeat {
            options.append(try optionAssignment())
        } while accept(",")
        try expect("]")
        return options
    }
}
