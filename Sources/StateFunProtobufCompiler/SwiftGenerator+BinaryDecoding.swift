/// The generated `init(from:)` and `merge(from:)`: protobuf binary decoding over `WireReader`.
extension SwiftGenerator {
    /// The reader call for one value of `scalar` from a tagged field.
    static func readCall(_ scalar: ProtoScalar) -> String {
        switch scalar {
        case .double: "readDouble"
        case .float: "readFloat"
        case .int32: "readInt32"
        case .int64: "readInt64"
        case .uint32: "readUInt32"
        case .uint64: "readUInt64"
        case .sint32: "readSInt32"
        case .sint64: "readSInt64"
        case .fixed32: "readFixed32"
        case .fixed64: "readFixed64"
        case .sfixed32: "readSFixed32"
        case .sfixed64: "readSFixed64"
        case .bool: "readBool"
        case .string: "readString"
        case .bytes: "readBytes"
        }
    }

    /// A raw read of one `scalar` from the reader named `r` (no wire-type check: the caller made it, in a packed
    /// run or in the `where` of the field's case) and the wire type it reads. Empty for `string` and `bytes`.
    static func rawRead(_ scalar: ProtoScalar, from r: String = "r") -> (expression: String, wireType: String) {
        switch scalar {
        case .double: ("Double(bitPattern: try \(r).readRawFixed64())", ".fixed64")
        case .float: ("Float(bitPattern: try \(r).readRawFixed32())", ".fixed32")
        case .int32: ("Int32(truncatingIfNeeded: try \(r).readVarint())", ".varint")
        case .int64: ("Int64(bitPattern: try \(r).readVarint())", ".varint")
        case .uint32: ("UInt32(truncatingIfNeeded: try \(r).readVarint())", ".varint")
        case .uint64: ("try \(r).readVarint()", ".varint")
        case .sint32: ("StateFunWire.ZigZag.decode(UInt32(truncatingIfNeeded: try \(r).readVarint()))", ".varint")
        case .sint64: ("StateFunWire.ZigZag.decode(try \(r).readVarint())", ".varint")
        case .fixed32: ("try \(r).readRawFixed32()", ".fixed32")
        case .fixed64: ("try \(r).readRawFixed64()", ".fixed64")
        case .sfixed32: ("Int32(bitPattern: try \(r).readRawFixed32())", ".fixed32")
        case .sfixed64: ("Int64(bitPattern: try \(r).readRawFixed64())", ".fixed64")
        case .bool: ("try \(r).readVarint() != 0", ".varint")
        case .string, .bytes: ("", ".lengthDelimited")
        }
    }

    func isClosedEnum(_ type: ProtoFieldType) -> Bool {
        if case .enumeration(let name) = type { return types[name]?.isClosedEnum ?? false }
        return false
    }

    /// The read of one value of `scalar` from field `tag` whose wire type the field's case has already checked:
    /// numbers are read raw (a second check cost decoding 10-35 % against hand-written code in
    /// Benchmarks/Protobuf); strings and bytes go through the tagged call, which validates and names the field.
    static func checkedRead(_ scalar: ProtoScalar, from reader: String = "reader") -> String {
        scalar == .string || scalar == .bytes
            ? "try \(reader).\(readCall(scalar))(tag)" : rawRead(scalar, from: reader).expression
    }

    /// Statements that read one singular value of `type` from field `tag` into `target` (an assignment target
    /// taking an expression). Closed enums send values they don't define to unknown fields.
    mutating func readValue(_ type: ProtoFieldType, number: Int, assign: (String) -> String) {
        switch type {
        case .scalar(let s):
            line(assign(Self.checkedRead(s)))
        case .enumeration(let name):
            let swift = swiftName(name)
            if isClosedEnum(type) {
                // A number the enum does not define goes to unknown fields as it came (all 64 bits).
                line("let raw = try reader.readVarint()")
                line("if let value = \(swift)(rawValue: Int(Int32(truncatingIfNeeded: raw))) {")
                line("    " + assign("value"))
                line("} else {")
                line("    self.unknownFields.appendVarint(\(number), raw)")
                line("}")
            } else {
                line("let raw = Int(Int32(truncatingIfNeeded: try reader.readVarint()))")
                line(assign("\(swift)(rawValue: raw) ?? .UNRECOGNIZED(raw)"))
            }
        case .message, .unresolved:
            break
        }
    }

    mutating func decoder(_ plans: [FieldPlan], message: ProtoMessage) {
        line("/// Decodes the message from protobuf binary, keeping unknown fields.")
        line("\(access)init(from reader: inout StateFunWire.WireReader) throws(StateFunWire.WireError) {")
        line("    self.init()")
        line("    try self.merge(from: &reader)")
        if hasRequired(message.fullName) {
            // Checked once the whole message is read: a sub-message may arrive in several records.
            line("    guard self.isInitialized else {")
            line("        throw .inField(message: Self.messageName, field: \"(required)\", error: .invalidValue(offset: reader.position, reason: \"a required field is missing\"))")
            line("    }")
        }
        line("}")
        if hasRequired(message.fullName) {
            line()
            line("/// Whether every required field is set, here and in nested messages (protobuf's IsInitialized).")
            line("\(access)var isInitialized: Bool {")
            indented { g in
                for plan in plans {
                    if plan.isRequired { g.line("if self.\(plan.storage) == nil { return false }") }
                    let elementType = plan.field.mapValue ?? plan.field.type
                    guard case .message(let name) = elementType, g.hasRequired(name) else { continue }
                    switch plan.kind {
                    case .message: g.line("if let v = self.\(plan.storage)?.value, !v.isInitialized { return false }")
                    case .repeated: g.line("for v in self.\(plan.property) where !v.isInitialized { return false }")
                    case .map: g.line("for v in self.\(plan.property).values where !v.isInitialized { return false }")
                    case .oneof(let index):
                        let oneofProperty = ProtoNaming.propertyNames(message.oneofs[index].name).property
                        g.line("if case .\(ProtoNaming.bare(plan.property))(let v)? = self.\(oneofProperty), !v.isInitialized { return false }")
                    default: break
                    }
                }
                g.line("return true")
            }
            line("}")
        }
        line()
        line("/// Reads fields from `reader` into this message: repeated fields append, singular fields are")
        line("/// replaced, message fields merge (protobuf's merge rule).")
        line("\(access)mutating func merge(from reader: inout StateFunWire.WireReader) throws(StateFunWire.WireError) {")
        indented { g in
            g.line("var number: UInt32 = 0")
            g.line("do {")
            g.indented { g in
                g.line("while let tag = try reader.nextField() {")
                g.indented { g in
                    g.line("number = tag.number")
                    g.line("switch tag.number {")
                    for plan in plans.sorted(by: { $0.field.number < $1.field.number }) {
                        // A known field with a wire type its type cannot have is an unknown field (upb, C++ and
                        // swift-protobuf keep it and write it back).
                        g.line("case \(plan.field.number) where \(g.wireTypeCondition(plan)):")
                        g.indented { g in g.decodeField(plan, message: message) }
                    }
                    g.line("default:")
                    g.line("    try reader.readUnknown(tag, into: &self.unknownFields)")
                    g.line("}")
                    g.line("number = 0")
                }
                g.line("}")
            }
            g.line("} catch {")
            g.line("    throw .inField(message: Self.messageName, field: Self._protobuf_fieldName(number), error: error)")
            g.line("}")
        }
        line("}")
        line()
        line("/// The .proto name of field `number`, for errors.")
        line("private static func _protobuf_fieldName(_ number: UInt32) -> String {")
        indented { g in
            g.line("switch number {")
            g.line("case 0: \"(field key)\"")
            for plan in plans { g.line("case \(plan.field.number): \"\(plan.field.name)\"") }
            g.line("default: \"field \\(number)\"")
            g.line("}")
        }
        line("}")
    }

    /// The wire types field `plan` is read from: its own, and for packable repeated fields also length-delimited.
    func wireTypeCondition(_ plan: FieldPlan) -> String {
        if plan.field.isMap { return "tag.wireType == .lengthDelimited" }
        let own = Self.wireType(of: plan.field.type)
        if case .repeated = plan.kind, own != ".lengthDelimited" {
            return "tag.wireType == \(own) || tag.wireType == .lengthDelimited"
        }
        return "tag.wireType == \(own)"
    }

    /// The wire type a single value of `type` is written with.
    static func wireType(of type: ProtoFieldType) -> String {
        switch type {
        case .scalar(let s):
            switch s {
            case .double, .fixed64, .sfixed64: ".fixed64"
            case .float, .fixed32, .sfixed32: ".fixed32"
            case .string, .bytes: ".lengthDelimited"
            default: ".varint"
            }
        case .enumeration: ".varint"
        default: ".lengthDelimited"
        }
    }

    mutating func decodeField(_ plan: FieldPlan, message: ProtoMessage) {
        let number = plan.field.number
        switch plan.kind {
        case .implicit:
            readValue(plan.field.type, number: number) { "self.\(plan.property) = \($0)" }
        case .optional:
            readValue(plan.field.type, number: number) { "self.\(plan.storage) = \($0)" }
        case .message:
            line("var value = self.\(plan.storage)?.value ?? \(plan.swiftType)()")
            line("try reader.readMessage(tag) { (r: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in try value.merge(from: &r) }")
            line("self.\(plan.storage) = StateFunWire.ProtobufBox(value)")
        case .oneof(let index):
            let oneofProperty = ProtoNaming.propertyNames(message.oneofs[index].name).property
            let caseName = ProtoNaming.bare(plan.property)
            if case .message = plan.field.type {
                line("var value = \(plan.swiftType)()")
                line("if case .\(caseName)(let current)? = self.\(oneofProperty) { value = current }")
                line("try reader.readMessage(tag) { (r: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in try value.merge(from: &r) }")
                line("self.\(oneofProperty) = .\(caseName)(value)")
            } else {
                readValue(plan.field.type, number: number) { "self.\(oneofProperty) = .\(caseName)(\($0))" }
            }
        case .repeated:
            switch plan.field.type {
            case .scalar(let s) where s == .string || s == .bytes:
                line("self.\(plan.property).append(try reader.\(Self.readCall(s))(tag))")
            case .scalar(let s):
                let raw = Self.rawRead(s)
                line("try reader.readRepeated(tag, \(raw.wireType)) { (r: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in")
                line("    self.\(plan.property).append(\(raw.expression))")
                line("}")
            case .enumeration:
                line("try reader.readRepeated(tag, .varint) { (r: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in")
                indented { g in
                    g.line("let raw = Int64(bitPattern: try r.readVarint())")
                    if g.isClosedEnum(plan.field.type) {
                        g.line("if let value = \(plan.swiftType)(rawValue: Int(Int32(truncatingIfNeeded: raw))) {")
                        g.line("    self.\(plan.property).append(value)")
                        g.line("} else {")
                        g.line("    self.unknownFields.appendVarint(\(number), UInt64(bitPattern: raw))")
                        g.line("}")
                    } else {
                        g.line("let value = Int(Int32(truncatingIfNeeded: raw))")
                        g.line("self.\(plan.property).append(\(plan.swiftType)(rawValue: value) ?? .UNRECOGNIZED(value))")
                    }
                }
                line("}")
            case .message:
                line("var value = \(plan.swiftType)()")
                line("try reader.readMessage(tag) { (r: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in try value.merge(from: &r) }")
                line("self.\(plan.property).append(value)")
            case .unresolved:
                break
            }
        case .map:
            decodeMapEntry(plan)
        }
    }

    /// One map entry. An entry holding a field it does not know (another field number, a key or value with a wire
    /// type its type cannot have, a value its closed enum does not define) goes to the message's unknown fields
    /// whole, re-encoded as upb does it: the key and the value if they were read, then the unknown fields in
    /// arrival order; the map does not get the key. Otherwise the last key and value read are the entry.
    private mutating func decodeMapEntry(_ plan: FieldPlan) {
        let number = plan.field.number
        let keyScalar = plan.field.mapKey ?? .string
        let valueType = plan.field.mapValue ?? .scalar(.bytes)
        line("var key: \(Self.swiftScalar(keyScalar)) = \(keyScalar == .string ? "\"\"" : keyScalar == .bool ? "false" : "0")")
        switch valueType {
        case .scalar(let s):
            line("var value: \(plan.swiftType) = \(s == .string ? "\"\"" : s == .bytes ? "[]" : s == .bool ? "false" : "0")")
        default:
            line("var value = \(plan.swiftType)()")
        }
        line("var hasKey = false")
        line("var hasValue = false")
        line("var entryUnknownFields = StateFunWire.UnknownFields()")
        line("try reader.readMessage(tag) { (reader: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in")
        line("    while let tag = try reader.nextField() {")
        line("        switch tag.number {")
        line("        case 1 where tag.wireType == \(Self.wireType(of: .scalar(keyScalar))):")
        line("            key = \(Self.checkedRead(keyScalar))")
        line("            hasKey = true")
        line("        case 2 where tag.wireType == \(Self.wireType(of: valueType)):")
        indented { g in
            g.indented { g in
                g.indented { g in
                    switch valueType {
                    case .scalar(let s):
                        g.line("value = \(Self.checkedRead(s))")
                        g.line("hasValue = true")
                    case .enumeration where g.isClosedEnum(valueType):
                        g.line("let raw = try reader.readVarint()")
                        g.line("if let known = \(plan.swiftType)(rawValue: Int(Int32(truncatingIfNeeded: raw))) {")
                        g.line("    value = known")
                        g.line("    hasValue = true")
                        g.line("} else {")
                        g.line("    entryUnknownFields.appendVarint(2, raw)")
                        g.line("}")
                    case .enumeration:
                        g.line("let raw = Int(Int32(truncatingIfNeeded: try reader.readVarint()))")
                        g.line("value = \(plan.swiftType)(rawValue: raw) ?? .UNRECOGNIZED(raw)")
                        g.line("hasValue = true")
                    default:
                        g.line("try reader.readMessage(tag) { (r: inout StateFunWire.WireReader) throws(StateFunWire.WireError) in try value.merge(from: &r) }")
                        g.line("hasValue = true")
                    }
                }
            }
        }
        line("        default: try reader.readUnknown(tag, into: &entryUnknownFields)")
        line("        }")
        line("    }")
        line("}")
        line("if entryUnknownFields.isEmpty {")
        line("    self.\(plan.property)[key] = value")
        line("} else {")
        indented { g in
            g.line("var writer = StateFunWire.WireWriter(capacity: 32)")
            g.line("if hasKey { \(g.writeValue(.scalar(keyScalar), number: 1, "key", explicit: true)) }")
            g.line("if hasValue { \(g.writeValue(valueType, number: 2, "value", explicit: true)) }")
            g.line("writer.writeRaw(entryUnknownFields.bytes)")
            g.line("var entry = StateFunWire.WireWriter(capacity: writer.count + 16)")
            g.line("entry.writeMessageBytes(\(number), writer.bytes)")
            g.line("self.unknownFields.append(entry.bytes[...])")
        }
        line("}")
    }
}
