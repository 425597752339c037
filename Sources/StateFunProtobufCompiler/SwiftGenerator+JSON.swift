/// The proto3 JSON codec of generated messages (https://protobuf.dev/programming-guides/json/).
extension SwiftGenerator {
    /// Well-known types whose JSON is not their fields' JSON: their codecs are written by hand in StateFun.
    static let specialJSONTypes: Set<String> = [
        "google.protobuf.Any", "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
        "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue",
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
        "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
        "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue",
    ]

    static let nullValue = "google.protobuf.NullValue"
    static let value = "google.protobuf.Value"

    /// The writer call for one value `v` of `type`.
    func jsonWrite(_ type: ProtoFieldType, _ v: String) -> String {
        switch type {
        case .scalar(let s):
            switch s {
            case .int32, .sint32, .sfixed32: return "writer.writeInt32(\(v))"
            case .uint32, .fixed32: return "writer.writeUInt32(\(v))"
            case .int64, .sint64, .sfixed64: return "writer.writeInt64(\(v))"
            case .uint64, .fixed64: return "writer.writeUInt64(\(v))"
            case .float: return "writer.writeFloat(\(v))"
            case .double: return "writer.writeDouble(\(v))"
            case .bool: return "writer.writeBool(\(v))"
            case .string: return "writer.writeString(\(v))"
            case .bytes: return "writer.writeBytes(\(v))"
            }
        case .enumeration(let name):
            // NullValue's one value is JSON's null; the value itself is not needed (`_ =` keeps bindings used).
            return name == Self.nullValue ? "_ = \(v); writer.writeNull()" : "writer.writeEnum(\(v))"
        case .message:
            return "try \(v).writeJSON(to: &writer)"
        case .unresolved:
            return ""
        }
    }

    /// An expression reading `json` (a ProtoJSONValue) as one value of `type`.
    func jsonRead(_ type: ProtoFieldType, _ json: String) -> String {
        switch type {
        case .scalar(let s):
            switch s {
            case .int32, .sint32, .sfixed32: return "try \(json).int32()"
            case .uint32, .fixed32: return "try \(json).uint32()"
            case .int64, .sint64, .sfixed64: return "try \(json).int64()"
            case .uint64, .fixed64: return "try \(json).uint64()"
            case .float: return "try \(json).float()"
            case .double: return "try \(json).double()"
            case .bool: return "try \(json).bool()"
            case .string: return "try \(json).string()"
            case .bytes: return "try \(json).bytes()"
            }
        case .enumeration(let name):
            if name == Self.nullValue { return "\(json).isNull ? .nullValue : try \(json).enumValue(\(swiftName(name)).self)" }
            return "try \(json).enumValue(\(swiftName(name)).self)"
        case .message(let name):
            return "try \(swiftName(name))(json: \(json), options: options)"
        case .unresolved:
            return ""
        }
    }

    /// Whether JSON `null` is a value of `type` rather than "the default" (google.protobuf.Value, NullValue).
    func nullIsAValue(_ type: ProtoFieldType) -> Bool {
        switch type {
        case .enumeration(let name): name == Self.nullValue
        case .message(let name): name == Self.value
        default: false
        }
    }

    /// The condition under which an implicit-presence field is written: it differs from its default.
    func isSetCondition(_ plan: FieldPlan) -> String {
        let p = "self." + plan.property
        switch plan.field.type {
        case .scalar(let s):
            switch s {
            case .string, .bytes: return "!\(p).isEmpty"
            case .bool: return p
            case .float, .double: return "\(p).bitPattern != 0"
            default: return "\(p) != 0"
            }
        case .enumeration: return "\(p).rawValue != 0"
        default: return "true"
        }
    }

    mutating func jsonCodec(_ plans: [FieldPlan], message: ProtoMessage) {
        if options.insideStateFun, Self.specialJSONTypes.contains(message.fullName) { return }
        jsonWriter(plans, message: message)
        line()
        jsonReader(plans, message: message)
    }

    private mutating func jsonWriter(_ plans: [FieldPlan], message: ProtoMessage) {
        line("/// Writes the message's proto3 JSON form; fields at their default are left out.")
        line("\(accessModifier)func writeJSON(to writer: inout StateFunWire.ProtoJSONWriter) throws(StateFunWire.WireError) {")
        indented { g in
            g.line("writer.beginObject()")
            for plan in plans {
                let key = "writer.key(\(ProtoDefaults.swiftStringLiteral(plan.jsonName)))"
                switch plan.kind {
                case .implicit:
                    g.line("if \(g.isSetCondition(plan)) {")
                    g.line("    \(key)")
                    g.line("    \(g.jsonWrite(plan.field.type, "self." + plan.property))")
                    g.line("}")
                case .optional:
                    g.line("if let v = self.\(plan.storage) {")
                    g.line("    \(key)")
                    g.line("    \(g.jsonWrite(plan.field.type, "v"))")
                    g.line("}")
                case .message:
                    g.line("if let v = self.\(plan.storage)?.value {")
                    g.line("    \(key)")
                    g.line("    \(g.jsonWrite(plan.field.type, "v"))")
                    g.line("}")
                case .oneof(let index):
                    let oneofProperty = ProtoNaming.propertyNames(message.oneofs[index].name).property
                    g.line("if case .\(ProtoNaming.bare(plan.property))(let v)? = self.\(oneofProperty) {")
                    g.line("    \(key)")
                    g.line("    \(g.jsonWrite(plan.field.type, "v"))")
                    g.line("}")
                case .repeated:
                    g.line("if !self.\(plan.property).isEmpty {")
                    g.line("    \(key)")
                    g.line("    writer.beginArray()")
                    g.line("    for v in self.\(plan.property) { \(g.jsonWrite(plan.field.type, "v")) }")
                    g.line("    writer.endArray()")
                    g.line("}")
                case .map:
                    let keyScalar = plan.field.mapKey ?? .string
                    let order: String =
                        switch keyScalar {
                        case .bool: "sorted(by: { !$0 && $1 })"
                        case .string: "sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })"
                        default: "sorted()"
                        }
                    g.line("if !self.\(plan.property).isEmpty {")
                    g.indented { g in
                        g.line(key)
                        g.line("writer.beginObject()")
                        g.line("for key in self.\(plan.property).keys.\(order) {")
                        g.line("    guard let v = self.\(plan.property)[key] else { continue }")
                        g.line(keyScalar == .string ? "    writer.key(key)" : "    writer.key(String(key))")
                        g.line("    \(g.jsonWrite(plan.field.mapValue ?? .scalar(.bytes), "v"))")
                        g.line("}")
                        g.line("writer.endObject()")
                    }
                    g.line("}")
                }
            }
            g.line("writer.endObject()")
        }
        line("}")
    }

    private mutating func jsonReader(_ plans: [FieldPlan], message: ProtoMessage) {
        line("/// Sets the fields named in `json`, the message's proto3 JSON form (JSON names or .proto names).")
        line("\(accessModifier)mutating func mergeJSON(_ json: StateFunWire.ProtoJSONValue, options: StateFunWire.ProtoJSONOptions) throws(StateFunWire.WireError) {")
        indented { g in
            g.line("for member in try json.members(of: Self.messageName) {")
            g.indented { g in
                g.line("do throws(StateFunWire.WireError) {")
                g.indented { g in
                    if !plans.isEmpty { g.line("let value = member.value") }
                    g.line("switch member.key {")
                    for plan in plans {
                        let names = plan.jsonName == plan.field.name
                            ? ProtoDefaults.swiftStringLiteral(plan.jsonName)
                            : "\(ProtoDefaults.swiftStringLiteral(plan.jsonName)), \(ProtoDefaults.swiftStringLiteral(plan.field.name))"
                        g.line("case \(names):")
                        g.indented { g in g.readJSONField(plan, message: message) }
                    }
                    g.line("default:")
                    g.line("    throw StateFunWire.WireError.invalidJSON(offset: 0, reason: \"no such field\")")
                    g.line("}")
                }
                g.line("} catch {")
                g.line("    throw .inField(message: Self.messageName, field: member.key, error: error)")
                g.line("}")
            }
            g.line("}")
        }
        line("}")
    }

    private mutating func readJSONField(_ plan: FieldPlan, message: ProtoMessage) {
        let p = "self." + plan.property
        let elementType = plan.field.mapValue ?? plan.field.type
        switch plan.kind {
        case .implicit, .optional:
            if !nullIsAValue(plan.field.type) {
                let clear = if case .implicit = plan.kind { "\(p) = \(defaultValueExpression(plan.field))" } else { "self.\(plan.clear)()" }
                line("if value.isNull { \(clear); continue }")
            }
            line("\(p) = \(jsonRead(plan.field.type, "value"))")
        case .message:
            if !nullIsAValue(plan.field.type) {
                line("if value.isNull { self.\(plan.clear)(); continue }")
            }
            line("var v = self.\(plan.storage)?.value ?? \(plan.swiftType)()")
            line("try v.mergeJSON(value, options: options)")
            line("self.\(plan.storage) = StateFunWire.ProtobufBox(v)")
        case .oneof(let index):
            let oneofProperty = ProtoNaming.propertyNames(message.oneofs[index].name).property
            if !nullIsAValue(plan.field.type) {
                line("if value.isNull { continue }")
            }
            line("self.\(oneofProperty) = .\(ProtoNaming.bare(plan.property))(\(jsonRead(plan.field.type, "value")))")
        case .repeated:
            line("if value.isNull { \(p) = []; continue }")
            line("\(p) = []")
            line("for element in try value.elements() { \(p).append(\(jsonRead(plan.field.type, "element"))) }")
        case .map:
            let keyScalar = plan.field.mapKey ?? .string
            let keyRead: String =
                switch keyScalar {
                case .string: "entry.key"
                case .bool: "try StateFunWire.ProtoJSONValue.string(entry.key).boolKey()"
                default: jsonRead(.scalar(keyScalar), "StateFunWire.ProtoJSONValue.string(entry.key)")
                }
            line("if value.isNull { \(p) = [:]; continue }")
            line("\(p) = [:]")
            line("for entry in try value.members(of: \"map\") {")
            line("    \(p)[\(keyRead)] = \(jsonRead(elementType, "entry.value"))")
            line("}")
        }
    }
}
