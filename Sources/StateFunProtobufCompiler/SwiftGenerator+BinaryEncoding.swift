/// The generated `encode(to:)`: protobuf binary encoding over `WireWriter`, fields in number order.
extension SwiftGenerator {
    static func writeCall(_ scalar: ProtoScalar) -> String {
        switch scalar {
        case .double: "writeDouble"
        case .float: "writeFloat"
        case .int32: "writeInt32"
        case .int64: "writeInt64"
        case .uint32: "writeUInt32"
        case .uint64: "writeUInt64"
        case .sint32: "writeSInt32"
        case .sint64: "writeSInt64"
        case .fixed32: "writeFixed32"
        case .fixed64: "writeFixed64"
        case .sfixed32: "writeSFixed32"
        case .sfixed64: "writeSFixed64"
        case .bool: "writeBool"
        case .string: "writeString"
        case .bytes: "writeBytes"
        }
    }

    /// The raw write of one packed element `v`.
    static func rawWrite(_ scalar: ProtoScalar) -> String {
        switch scalar {
        case .double, .float: "writer.writeRaw\(scalar == .double ? "Fixed64" : "Fixed32")(v.bitPattern)"
        case .int32: "writer.writeVarint(UInt64(bitPattern: Int64(v)))"
        case .int64: "writer.writeVarint(UInt64(bitPattern: v))"
        case .uint32: "writer.writeVarint(UInt64(v))"
        case .uint64: "writer.writeVarint(v)"
        case .sint32: "writer.writeVarint(UInt64(StateFunWire.ZigZag.encode(v)))"
        case .sint64: "writer.writeVarint(StateFunWire.ZigZag.encode(v))"
        case .fixed32: "writer.writeRawFixed32(v)"
        case .fixed64: "writer.writeRawFixed64(v)"
        case .sfixed32: "writer.writeRawFixed32(UInt32(bitPattern: v))"
        case .sfixed64: "writer.writeRawFixed64(UInt64(bitPattern: v))"
        case .bool: "writer.writeVarint(v ? 1 : 0)"
        case .string, .bytes: ""
        }
    }

    /// A statement writing `value` (an expression of the field's element type) as field `number`.
    func writeValue(_ type: ProtoFieldType, number: Int, _ value: String, explicit: Bool) -> String {
        let presence = explicit ? ", presence: .explicit" : ""
        switch type {
        case .scalar(let s):
            if !explicit, s == .float || s == .double {
                // C++ and upb omit a zero by its bits: -0.0 is written.
                return "if \(value).bitPattern != 0 { writer.\(Self.writeCall(s))(\(number), \(value), presence: .explicit) }"
            }
            return "writer.\(Self.writeCall(s))(\(number), \(value)\(presence))"
        case .enumeration:
            return "writer.writeEnum(\(number), Int32(truncatingIfNeeded: \(value).rawValue)\(presence))"
        case .message:
            return "writer.writeMessage(\(number)) { (writer: inout StateFunWire.WireWriter) in \(value).encode(to: &writer) }"
        case .unresolved:
            return ""
        }
    }

    mutating func encoder(_ plans: [FieldPlan], message: ProtoMessage) {
        line("/// Encodes the fields in field-number order, then the unknown fields.")
        line("\(access)func encode(to writer: inout StateFunWire.WireWriter) {")
        indented { g in
            for plan in plans.sorted(by: { $0.field.number < $1.field.number }) {
                g.encodeField(plan, message: message)
            }
            g.line("if !self.unknownFields.isEmpty { writer.writeRaw(self.unknownFields.bytes) }")
        }
        line("}")
    }

    mutating func encodeField(_ plan: FieldPlan, message: ProtoMessage) {
        let number = plan.field.number
        switch plan.kind {
        case .implicit:
            line(writeValue(plan.field.type, number: number, "self." + plan.property, explicit: false))
        case .optional:
            line("if let v = self.\(plan.storage) { \(writeValue(plan.field.type, number: number, "v", explicit: true)) }")
        case .message:
            line("if let v = self.\(plan.storage)?.value { \(writeValue(plan.field.type, number: number, "v", explicit: true)) }")
        case .oneof(let index):
            let oneofProperty = ProtoNaming.propertyNames(message.oneofs[index].name).property
            line(
                "if case .\(ProtoNaming.bare(plan.property))(let v)? = self.\(oneofProperty) { \(writeValue(plan.field.type, number: number, "v", explicit: true)) }"
            )
        case .repeated(let packed):
            if packed {
                let raw: String
                switch plan.field.type {
                case .scalar(let s): raw = Self.rawWrite(s)
                default: raw = "writer.writeVarint(UInt64(bitPattern: Int64(v.rawValue)))"
                }
                line("if !self.\(plan.property).isEmpty {")
                line("    writer.writeMessage(\(number)) { (writer: inout StateFunWire.WireWriter) in")
                line("        for v in self.\(plan.property) { \(raw) }")
                line("    }")
                line("}")
            } else {
                line("for v in self.\(plan.property) { \(writeValue(plan.field.type, number: number, "v", explicit: true)) }")
            }
        case .map:
            let keyScalar = plan.field.mapKey ?? .string
            let order: String =
                switch keyScalar {
                case .bool: "sorted(by: { !$0 && $1 })"
                case .string: "sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })"
                default: "sorted()"
                }
            line("// Keys in order, as protobuf's deterministic serialization writes them.")
            line("for key in self.\(plan.property).keys.\(order) {")
            indented { g in
                g.line("guard let value = self.\(plan.property)[key] else { continue }")
                g.line("writer.writeMessage(\(number)) { (writer: inout StateFunWire.WireWriter) in")
                g.line("    " + g.writeValue(.scalar(keyScalar), number: 1, "key", explicit: true))
                g.line("    " + g.writeValue(plan.field.mapValue ?? .scalar(.bytes), number: 2, "value", explicit: true))
                g.line("}")
            }
            line("}")
        }
    }
}
