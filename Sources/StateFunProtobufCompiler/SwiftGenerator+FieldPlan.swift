/// How each field is stored: its Swift type, kind (implicit, optional, repeated, map, oneof), names and
/// default value.
extension SwiftGenerator {
    /// What the generator knows about one field.
    struct FieldPlan {
        var field: ProtoField
        var property: String
        var has: String
        var clear: String
        /// Swift type of one value (element for repeated, value for maps).
        var swiftType: String
        var kind: Kind
        var storage: String
        var jsonName: String
        enum Kind {
            case implicit
            case optional
            case message
            case repeated(packed: Bool)
            case map
            case oneof(index: Int)
        }
        var isRequired: Bool { field.label == .required }
    }

    func swiftType(_ type: ProtoFieldType) -> String {
        switch type {
        case .scalar(let s): Self.swiftScalar(s)
        case .message(let name), .enumeration(let name): swiftName(name)
        case .unresolved(let name): name
        }
    }

    static func swiftScalar(_ s: ProtoScalar) -> String {
        switch s {
        case .double: "Double"
        case .float: "Float"
        case .int32, .sint32, .sfixed32: "Int32"
        case .int64, .sint64, .sfixed64: "Int64"
        case .uint32, .fixed32: "UInt32"
        case .uint64, .fixed64: "UInt64"
        case .bool: "Bool"
        case .string: "String"
        case .bytes: "[Swift.UInt8]"
        }
    }

    func defaultValueExpression(_ field: ProtoField) -> String { defaultValue(field) }

    func defaultValue(_ field: ProtoField) -> String {
        switch field.type {
        case .scalar(let s):
            if let option = field.option("default") { return ProtoDefaults.swiftLiteral(option, scalar: s) }
            switch s {
            case .string: return "\"\""
            case .bytes: return "[]"
            case .bool: return "false"
            default: return "0"
            }
        case .enumeration(let name):
            if let option = field.option("default"), let e = enumDecl(name),
                let index = e.values.firstIndex(where: { $0.name == option.text })
            {
                let caseNames = ProtoNaming.enumCaseNames(e)
                let number = e.values[index].number
                let primary = e.values.firstIndex { $0.number == number } ?? index
                return "\(swiftName(name)).\(ProtoNaming.bare(caseNames[primary]))"
            }
            return "\(swiftName(name))()"
        case .message(let name): return "\(swiftName(name))()"
        case .unresolved: return "0"
        }
    }

    func plan(_ message: ProtoMessage) -> [FieldPlan] {
        message.fields.map { field in
            let names = ProtoNaming.propertyNames(field.name)
            let jsonName = field.option("json_name")?.bytes.map { String(decoding: $0, as: UTF8.self) }
                ?? ProtoNaming.jsonName(field.name)
            let kind: FieldPlan.Kind
            var type = swiftType(field.type)
            if field.isMap {
                kind = .map
                type = swiftType(field.mapValue ?? .scalar(.bytes))
            } else if let index = field.oneofIndex {
                kind = .oneof(index: index)
            } else if field.label == .repeated {
                let packable: Bool =
                    switch field.type {
                    case .scalar(let s): s != .string && s != .bytes
                    case .enumeration: true
                    default: false
                    }
                let packedOption = field.option("packed")?.text
                let packed = packable && (packedOption == "true" || (syntax == .proto3 && packedOption != "false"))
                kind = .repeated(packed: packed)
            } else if case .message = field.type {
                kind = .message
            } else if field.label == .optional || field.label == .required {
                kind = .optional
            } else {
                kind = .implicit
            }
            let bareProperty = ProtoNaming.bare(names.property)
            return FieldPlan(
                field: field, property: names.property, has: names.has, clear: names.clear, swiftType: type, kind: kind,
                storage: "_" + bareProperty, jsonName: jsonName)
        }
    }
}
