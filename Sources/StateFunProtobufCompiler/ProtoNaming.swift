/// Swift names for protobuf declarations, following protoc-gen-swift's rules so that code written against
/// swift-protobuf's generated types reads the same (https://github.com/apple/swift-protobuf/blob/main/Documentation/API.md):
/// package `foo.bar_baz` prefixes top-level types with `Foo_BarBaz_`, nested types nest, fields and enum cases
/// are lowerCamelCase, enum cases lose their enum's name as a prefix, oneofs become `OneOf_<Name>` enums.
package enum ProtoNaming {
    static let declarationKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "static", "struct", "subscript",
        "typealias", "var",
    ]
    static let statementKeywords: Set<String> = [
        "break", "case", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
        "repeat", "return", "switch", "where", "while",
    ]
    static let expressionKeywords: Set<String> = [
        "as", "Any", "catch", "false", "is", "nil", "rethrows", "super", "self", "Self", "throw", "throws", "true",
        "try",
    ]
    static let commonTypes: Set<String> = [
        "Bool", "Data", "Double", "Float", "Int", "Int32", "Int64", "String", "UInt", "UInt32", "UInt64",
    ]
    static let specialVariables: Set<String> = ["__COLUMN__", "__FILE__", "__FUNCTION__", "__LINE__"]
    static var keywords: Set<String> { declarationKeywords.union(statementKeywords).union(expressionKeywords) }

    /// Type names that get a `Message`/`Enum`/`Oneof` suffix: swift-protobuf's list, with this runtime's module
    /// names and the static members a generated message declares or inherits (`messageName` is what
    /// swift-protobuf's `protoMessageName` is here; a nested type of that name would redeclare it).
    static let reservedTypeNames: Set<String> = keywords.union(commonTypes).union(specialVariables).union([
        "SwiftProtobuf", "Extensions", "protoMessageName", "decodeMessage", "traverse", "isInitialized",
        "unknownFields", "debugDescription", "description", "dynamicType", "hashValue", "Type", "Protocol", "Swift",
        "Equatable", "Hashable", "Sendable", "StateFun", "StateFunWire", "messageName", "typeName",
    ])
    /// Field names that get a `_p` suffix.
    static let reservedFieldNames: Set<String> = commonTypes.union(specialVariables).union([
        "isInitialized", "unknownFields", "debugDescription", "description", "dynamicType", "hashValue", "init",
        "self", "Type", "Protocol", "messageName", "typeName",
    ])
    static let quotableEnumCases: Set<String> = keywords.union(["associativity", "dynamicType", "optional", "required"])
    static let reservedEnumCases: Set<String> = [
        "allCases", "debugDescription", "description", "dynamicType", "hashValue", "init", "rawValue", "self",
    ]

    // MARK: - Camel case

    private enum CharacterClass { case digit, lower, upper, underscore, other }

    private static func classify(_ c: Unicode.Scalar) -> CharacterClass {
        switch c {
        case "0"..."9": .digit
        case "a"..."z": .lower
        case "A"..."Z": .upper
        case "_": .underscore
        default: .other
        }
    }

    /// Splits `name` into words at underscores, case changes (an uppercase run starts a word; lowercase
    /// continues one) and digit runs; words are lowercased, then capitalized (except the first for lower camel
    /// case), with `url`, `http`, `https` and `id` all in capitals. A leading digit gets an underscore before it.
    static func camelCase(_ name: String, initialUpper: Bool) -> String {
        var result = ""
        var word = ""
        var last = CharacterClass.other
        var started = false
        func flush() {
            guard !word.isEmpty else { return }
            if result.isEmpty && !initialUpper {
                result += word
            } else if ["url", "http", "https", "id"].contains(word) {
                result += word.uppercased()
            } else {
                result += word.prefix(1).uppercased() + word.dropFirst()
            }
            word = ""
        }
        for scalar in name.unicodeScalars {
            let kind = classify(scalar)
            switch kind {
            case .digit:
                if last != .digit { flush() }
                if result.isEmpty { result += "_" }
                word.unicodeScalars.append(scalar)
            case .upper:
                if last != .upper { flush() }
                word += String(scalar).lowercased()
            case .lower:
                if last != .lower && last != .upper { flush() }
                word.unicodeScalars.append(scalar)
            case .underscore:
                flush()
                if last == .underscore { result += "_" }
            case .other:
                flush()
                result += "_u\(scalar.value)"
            }
            last = kind
            started = true
        }
        flush()
        if started, last == .underscore { result += "_" }
        return result
    }

    package static func upperCamel(_ name: String) -> String { camelCase(name, initialUpper: true) }
    package static func lowerCamel(_ name: String) -> String { camelCase(name, initialUpper: false) }

    /// protoc's default JSON name: underscores removed, the letter after each one capitalized.
    package static func jsonName(_ name: String) -> String {
        var result = ""
        var capitalize = false
        for c in name {
            if c == "_" {
                capitalize = true
            } else if capitalize {
                result += c.uppercased()
                capitalize = false
            } else {
                result.append(c)
            }
        }
        return result
    }

    // MARK: - Declarations

    /// The prefix of a file's top-level types: `swift_prefix` if set, else the package in upper camel case with
    /// its dots as underscores, plus a trailing underscore.
    package static func typePrefix(package: String, swiftPrefix: String?) -> String {
        if let swiftPrefix { return swiftPrefix }
        if package.isEmpty { return "" }
        var result = ""
        var upper = true
        for c in package {
            if c == "_" {
                upper = true
            } else if c == "." {
                upper = true
                result += "_"
            } else {
                if result.isEmpty && c.isNumber { result += "_" }
                result += upper ? c.uppercased() : String(c)
                upper = false
            }
        }
        return result + "_"
    }

    static func sanitizeType(_ name: String, suffix: String) -> String {
        if reservedTypeNames.contains(name) || (!name.isEmpty && name.allSatisfy { $0 == "_" }) { return name + suffix }
        if name.hasSuffix(suffix), name.count > suffix.count {
            return sanitizeType(String(name.dropLast(suffix.count)), suffix: suffix) + suffix
        }
        return name
    }

    package static func messageName(_ name: String) -> String { sanitizeType(name, suffix: "Message") }
    package static func enumName(_ name: String) -> String { sanitizeType(name, suffix: "Enum") }
    package static func oneofTypeName(_ name: String) -> String { sanitizeType("OneOf_" + upperCamel(name), suffix: "Oneof") }

    /// A field's property name; `basedOn` is the plain lowerCamelCase name the `_p` rule looks at.
    static func sanitizeField(_ name: String, basedOn: String) -> String {
        func upperAt(_ s: String, _ i: Int) -> Bool {
            let scalars = Array(s.unicodeScalars)
            return i < scalars.count && ("A"..."Z").contains(scalars[i])
        }
        if basedOn.hasPrefix("clear") && upperAt(basedOn, 5) { return name + "_p" }
        if basedOn.hasPrefix("has") && upperAt(basedOn, 3) { return name + "_p" }
        if reservedFieldNames.contains(basedOn) { return name + "_p" }
        if basedOn == name && keywords.contains(basedOn) { return "`\(name)`" }
        if !basedOn.isEmpty && basedOn.allSatisfy({ $0 == "_" }) { return name + "__" }
        return name
    }

    /// `name`, `hasName`, `clearName` for a field or oneof.
    package static func propertyNames(_ protoName: String) -> (property: String, has: String, clear: String) {
        let lower = lowerCamel(protoName)
        let upper = upperCamel(protoName)
        return (
            sanitizeField(lower, basedOn: lower), sanitizeField("has" + upper, basedOn: lower),
            sanitizeField("clear" + upper, basedOn: lower)
        )
    }

    /// An identifier without its backticks (for `.case` references and strings).
    package static func bare(_ name: String) -> String {
        name.hasPrefix("`") ? String(name.dropFirst().dropLast()) : name
    }

    static func sanitizeEnumCase(_ name: String) -> String {
        if reservedEnumCases.contains(name) { return name + "_" }
        if quotableEnumCases.contains(name) { return "`\(name)`" }
        if !name.isEmpty && name.allSatisfy({ $0 == "_" }) { return name + "__" }
        return name
    }

    /// The value's name without its enum's name as a prefix (compared ignoring case and underscores), if what
    /// is left starts with a letter; otherwise nil.
    static func strippingPrefix(_ enumName: String, from valueName: String) -> String? {
        let prefix = Array(enumName.lowercased().unicodeScalars.filter { $0 != "_" })
        let value = Array(valueName.unicodeScalars)
        let lowered = Array(valueName.lowercased().unicodeScalars)
        var i = 0
        var p = 0
        while p < prefix.count {
            guard i < lowered.count else { return nil }
            if lowered[i] == "_" {
                i += 1
                continue
            }
            guard lowered[i] == prefix[p] else { return nil }
            i += 1
            p += 1
        }
        while i < lowered.count && lowered[i] == "_" { i += 1 }
        guard i < lowered.count, ("a"..."z").contains(lowered[i]) else { return nil }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: value[i...])
        return String(rest)
    }

    /// Swift case names for an enum's values, in order. Values whose names collide after camel casing get a
    /// `_<number>` suffix (`_n<number>` for negatives) unless they are aliases of one number.
    package static func enumCaseNames(_ e: ProtoEnum) -> [String] {
        let candidates = e.values.map { value in
            lowerCamel(strippingPrefix(e.name, from: value.name) ?? value.name)
        }
        var numbersByName: [String: Set<Int>] = [:]
        for (candidate, value) in zip(candidates, e.values) { numbersByName[candidate, default: []].insert(value.number) }
        return zip(candidates, e.values).map { candidate, value in
            if (numbersByName[candidate]?.count ?? 0) > 1 {
                let suffix = value.number >= 0 ? "_\(value.number)" : "_n\(-value.number)"
                return sanitizeEnumCase(candidate + suffix)
            }
            return sanitizeEnumCase(candidate)
        }
    }
}
