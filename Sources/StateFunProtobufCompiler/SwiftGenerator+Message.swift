/// A protobuf message as a Swift struct: stored properties with presence, oneof enums, nested types.
extension SwiftGenerator {
    /// The message declaration with full name `name`.
    func findMessage(_ name: String) -> ProtoMessage? {
        guard let entry = types[name], let file = files[entry.file] else { return nil }
        func search(_ messages: [ProtoMessage]) -> ProtoMessage? {
            for message in messages {
                if message.fullName == name { return message }
                if let found = search(message.messages) { return found }
            }
            return nil
        }
        return search(file.messages)
    }

    /// Whether a message of type `name` can hold a required field unset: it has one, or a message field whose
    /// type can.
    func hasRequired(_ name: String) -> Bool {
        var visiting: Set<String> = []
        return hasRequired(name, &visiting)
    }

    func hasRequired(_ name: String, _ visiting: inout Set<String>) -> Bool {
        guard visiting.insert(name).inserted, let message = findMessage(name) else { return false }
        for field in message.fields {
            if field.label == .required { return true }
            if case .message(let inner) = field.mapValue ?? field.type, hasRequired(inner, &visiting) { return true }
        }
        return false
    }

    mutating func generate(message: ProtoMessage) {
        let qualified = swiftName(message.fullName)
        let name = qualified.split(separator: ".").last.map(String.init) ?? message.name
        let plans = plan(message)
        doc(message.comment)
        line("\(access)struct \(name): StateFun.ProtobufMessage, StateFunWire.ProtobufJSONMessage, Swift.Hashable {")
        indented { g in
            g.line("/// The message's full protobuf name.")
            g.line("\(g.access)static let messageName = \"\(message.fullName)\"")
            g.line()
            g.storedProperties(plans, message: message)
            g.line("/// Fields this schema does not know, kept to be written back.")
            g.line("\(g.access)var unknownFields = StateFunWire.UnknownFields()")
            g.line()
            g.oneofTypes(plans, message: message)
            g.line("/// A message with every field at its default.")
            g.line("\(g.access)init() {}")
            g.line()
            g.decoder(plans, message: message)
            g.line()
            g.encoder(plans, message: message)
            if g.options.insideStateFun, SwiftGenerator.specialJSONTypes.contains(message.fullName) {
                // Its JSON form is written by hand (Sources/StateFun/WellKnownTypes/*+JSON.swift).
            } else {
                g.line()
                g.jsonCodec(plans, message: message)
            }
            for nested in message.messages {
                g.line()
                g.generate(message: nested)
            }
            for nested in message.enums {
                g.line()
                g.generate(enum: nested)
            }
        }
        line("}")
    }

    mutating func storedProperties(_ plans: [FieldPlan], message: ProtoMessage) {
        var emittedOneofs: Set<Int> = []
        for plan in plans {
            switch plan.kind {
            case .implicit:
                doc(plan.field.comment)
                line("\(access)var \(plan.property): \(plan.swiftType) = \(defaultValue(plan.field))")
                line()
            case .repeated:
                doc(plan.field.comment)
                line("\(access)var \(plan.property): [\(plan.swiftType)] = []")
                line()
            case .map:
                doc(plan.field.comment)
                let key = Self.swiftScalar(plan.field.mapKey ?? .string)
                line("\(access)var \(plan.property): [\(key): \(plan.swiftType)] = [:]")
                line()
            case .optional, .message:
                let isMessage = if case .message = plan.kind { true } else { false }
                let storageType = isMessage ? "StateFunWire.ProtobufBox<\(plan.swiftType)>?" : "\(plan.swiftType)?"
                doc(plan.field.comment)
                line("\(access)var \(plan.property): \(plan.swiftType) {")
                indented { g in
                    g.line("get { \(plan.storage)\(isMessage ? "?.value" : "") ?? \(g.defaultValue(plan.field)) }")
                    g.line("set { \(plan.storage) = \(isMessage ? "StateFunWire.ProtobufBox(newValue)" : "newValue") }")
                }
                line("}")
                line("/// Whether `\(ProtoNaming.bare(plan.property))` is set.")
                line("\(access)var \(plan.has): Bool { \(plan.storage) != nil }")
                line("/// Unsets `\(ProtoNaming.bare(plan.property))`.")
                line("\(access)mutating func \(plan.clear)() { \(plan.storage) = nil }")
                line("private var \(plan.storage): \(storageType) = nil")
                line()
            case .oneof(let index):
                if emittedOneofs.insert(index).inserted {
                    let oneof = message.oneofs[index]
                    let names = ProtoNaming.propertyNames(oneof.name)
                    doc(oneof.comment)
                    line("\(access)var \(names.property): \(ProtoNaming.oneofTypeName(oneof.name))? = nil")
                    line()
                }
                let oneofProperty = ProtoNaming.propertyNames(message.oneofs[index].name).property
                let caseName = ProtoNaming.bare(plan.property)
                doc(plan.field.comment)
                line("\(access)var \(plan.property): \(plan.swiftType) {")
                indented { g in
                    g.line("get {")
                    g.line("    if case .\(caseName)(let value)? = \(oneofProperty) { return value }")
                    g.line("    return \(g.defaultValue(plan.field))")
                    g.line("}")
                    g.line("set { \(oneofProperty) = .\(caseName)(newValue) }")
                }
                line("}")
                line()
            }
        }
    }

    mutating func oneofTypes(_ plans: [FieldPlan], message: ProtoMessage) {
        for (index, oneof) in message.oneofs.enumerated() {
            line("/// The fields of oneof `\(oneof.name)`: at most one is set.")
            line("\(access)enum \(ProtoNaming.oneofTypeName(oneof.name)): Swift.Sendable, Swift.Hashable {")
            indented { g in
                for plan in plans {
                    guard case .oneof(let i) = plan.kind, i == index else { continue }
                    let isMessage = if case .message = plan.field.type { true } else { false }
                    g.doc(plan.field.comment)
                    g.line("\(isMessage ? "indirect " : "")case \(plan.property)(\(plan.swiftType))")
                }
            }
            line("}")
            line()
        }
    }
}
