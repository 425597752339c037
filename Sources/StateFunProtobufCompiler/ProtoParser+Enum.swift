/// Enums: values, aliases, reserved numbers and names.
extension ProtoParser {
    mutating func enumeration(comment: String?, location: SourceLocation) throws(ProtoDiagnostic) -> ProtoEnum {
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
