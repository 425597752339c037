/// A protobuf enum as a Swift enum: its cases (aliases as static lets), an `UNRECOGNIZED` case when
/// the enum is open, raw values, and the .proto names JSON uses.
extension SwiftGenerator {
    mutating func generate(enum item: ProtoEnum) {
        let qualified = swiftName(item.fullName)
        let name = ProtoNaming.bare(qualified.split(separator: ".").last.map(String.init) ?? item.name)
        let caseNames = ProtoNaming.enumCaseNames(item)
        doc(item.comment)
        line("\(access)enum \(name): StateFunWire.ProtobufEnum, Swift.CaseIterable {")
        indented { g in
            var primary: [Int: String] = [:]
            var declared: Set<String> = []
            var aliases: [(String, String, ProtoEnumValue)] = []
            for (value, caseName) in zip(item.values, caseNames) {
                if let first = primary[value.number] {
                    if caseName != first, !declared.contains(caseName) {
                        aliases.append((caseName, first, value))
                        declared.insert(caseName)
                    }
                    continue
                }
                primary[value.number] = caseName
                declared.insert(caseName)
                g.doc(value.comment)
                g.line("case \(caseName) // = \(value.number)")
            }
            if !item.isClosed { g.line("/// A value this enum does not define (proto3 enums are open: such values are kept).") }
            if !item.isClosed { g.line("case UNRECOGNIZED(Int)") }
            g.line()
            g.line("/// The first value, protobuf's default.")
            g.line("\(g.access)init() { self = .\(ProtoNaming.bare(caseNames[0])) }")
            g.line()
            g.line("/// The value for `rawValue`\(item.isClosed ? ", or nil when the enum does not define it" : "").")
            g.line("\(g.access)init?(rawValue: Int) {")
            g.indented { g in
                g.line("switch rawValue {")
                var seen: Set<Int> = []
                for value in item.values where seen.insert(value.number).inserted {
                    g.line("case \(value.number): self = .\(ProtoNaming.bare(primary[value.number] ?? ""))")
                }
                g.line(item.isClosed ? "default: return nil" : "default: self = .UNRECOGNIZED(rawValue)")
                g.line("}")
            }
            g.line("}")
            g.line()
            g.line("/// The value's number.")
            g.line("\(g.access)var rawValue: Int {")
            g.indented { g in
                g.line("switch self {")
                var seen: Set<Int> = []
                for value in item.values where seen.insert(value.number).inserted {
                    g.line("case .\(ProtoNaming.bare(primary[value.number] ?? "")): \(value.number)")
                }
                if !item.isClosed { g.line("case .UNRECOGNIZED(let value): value") }
                g.line("}")
            }
            g.line("}")
            g.line()
            g.line("/// The value's name in the .proto file (its JSON form), nil for an unrecognized value.")
            g.line("\(g.access)var protoName: String? {")
            g.indented { g in
                g.line("switch self {")
                var seen: Set<Int> = []
                for value in item.values where seen.insert(value.number).inserted {
                    g.line("case .\(ProtoNaming.bare(primary[value.number] ?? "")): \"\(value.name)\"")
                }
                if !item.isClosed { g.line("case .UNRECOGNIZED: nil") }
                g.line("}")
            }
            g.line("}")
            g.line()
            g.line("/// The value named `protoName` in the .proto file (aliases included).")
            g.line("\(g.access)init?(protoName: String) {")
            g.indented { g in
                g.line("switch protoName {")
                for value in item.values {
                    g.line("case \"\(value.name)\": self = .\(ProtoNaming.bare(primary[value.number] ?? ""))")
                }
                g.line("default: return nil")
                g.line("}")
            }
            g.line("}")
            g.line()
            var seen: Set<Int> = []
            let all = item.values.filter { seen.insert($0.number).inserted }.map { ".\(ProtoNaming.bare(primary[$0.number] ?? ""))" }
            g.line("/// The values the enum defines, in declaration order.")
            g.line("\(g.access)static let allCases: [\(qualified)] = [\(all.joined(separator: ", "))]")
            for (alias, target, value) in aliases {
                g.line()
                g.doc(value.comment ?? "An alias of ``\(ProtoNaming.bare(target))``.")
                g.line("\(g.access)static let \(alias) = \(qualified).\(ProtoNaming.bare(target))")
            }
        }
        line("}")
    }
}
