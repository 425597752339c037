/// Messages: fields, maps, oneofs, reserved ranges, nested declarations.
extension ProtoParser {
    static let scalarNames = Set(ProtoScalar.allCases.map(\.rawValue))

    mutating func message(comment: String?, location: SourceLocation) throws(ProtoDiagnostic) -> ProtoMessage {
        let name = try identifier("a message name")
        var message = ProtoMessage(name: name.text, comment: comment, location: name.location)
        try expect("{")
        try messageBody(&message)
        return message
    }

    mutating func messageBody(_ message: inout ProtoMessage) throws(ProtoDiagnostic) {
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
                if option.name == "message_set_wire_format", option.text == "true" {
                    // MessageSet's wire format (items as groups of type_id and message) only carries extensions.
                    throw ProtoDiagnostic(option.location, "message_set_wire_format is not supported (it carries extensions)")
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
    mutating func reserved(
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

    mutating func oneof(_ message: inout ProtoMessage, comment: String?) throws(ProtoDiagnostic) {
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

    mutating func field(in message: inout ProtoMessage, oneofIndex: Int?) throws(ProtoDiagnostic) -> ProtoField {
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

    mutating func mapField(label: ProtoLabel, first: ProtoToken) throws(ProtoDiagnostic) -> ProtoField {
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
}
