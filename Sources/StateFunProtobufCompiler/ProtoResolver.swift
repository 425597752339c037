/// Loads `.proto` files and their imports, resolves type references with protobuf's scoping rules and checks
/// what protoc checks before generating code (numbers, names, presence rules per syntax). Collects every problem
/// it finds in the loaded files.
package struct ProtoResolver {
    /// A message or enum, by full name.
    package struct TypeEntry: Sendable {
        package var isEnum: Bool
        /// The file that defines it.
        package var file: String
        package var package: String
        /// Names from the outermost message down to this type (`["Outer", "Inner"]`).
        package var path: [String]
        package var isClosedEnum: Bool
    }

    package let tree: ProtoSourceTree
    /// Every loaded file, by import path, resolved.
    package private(set) var files: [String: ProtoFile] = [:]
    package private(set) var types: [String: TypeEntry] = [:]
    private var packages: Set<String> = []
    private var loading: [String] = []
    private var diagnostics: [ProtoDiagnostic] = []

    package init(tree: ProtoSourceTree) {
        self.tree = tree
    }

    /// Loads and checks the files named by import path; throws every problem found.
    package mutating func load(_ paths: [String], requestedAt location: SourceLocation? = nil) throws(ProtoCompilerError) {
        for path in paths { loadFile(path, from: nil) }
        if !diagnostics.isEmpty { throw ProtoCompilerError(diagnostics) }
        for name in files.keys.sorted() {
            guard var file = files[name] else { continue }
            check(&file)
            files[name] = file
        }
        if !diagnostics.isEmpty { throw ProtoCompilerError(diagnostics) }
    }

    // MARK: - Loading

    private mutating func loadFile(_ path: String, from importLocation: SourceLocation?) {
        if files[path] != nil { return }
        if loading.contains(path) {
            let cycle = (loading.drop(while: { $0 != path }) + [path]).joined(separator: " -> ")
            diagnostics.append(
                ProtoDiagnostic(importLocation ?? SourceLocation(file: path, line: 1, column: 1), "file imports itself: \(cycle)"))
            return
        }
        guard let source = tree.read(path) else {
            let location = importLocation ?? SourceLocation(file: path, line: 1, column: 1)
            diagnostics.append(ProtoDiagnostic(location, "\(path): file not found (searched: \(tree.roots.joined(separator: ", ")))"))
            return
        }
        let parsed: ProtoFile
        do {
            parsed = try ProtoParser.parse(text: source.text, name: path)
        } catch {
            diagnostics.append(error)
            return
        }
        loading.append(path)
        for item in parsed.imports { loadFile(item.path, from: item.location) }
        loading.removeLast()
        var file = parsed
        register(&file)
        files[path] = file
    }

    private mutating func register(_ file: inout ProtoFile) {
        var prefix = ""
        for part in file.package.split(separator: ".") {
            prefix = prefix.isEmpty ? String(part) : prefix + "." + part
            packages.insert(prefix)
        }
        let scope = file.package
        for i in file.messages.indices { register(message: &file.messages[i], scope: scope, path: [], file: file) }
        for i in file.enums.indices { register(enum: &file.enums[i], scope: scope, path: [], file: file) }
    }

    private mutating func define(_ fullName: String, _ entry: TypeEntry, at location: SourceLocation) {
        if let existing = types[fullName] {
            let other = existing.file == entry.file ? "" : " in \"\(existing.file)\""
            diagnostics.append(ProtoDiagnostic(location, "\"\(fullName)\" is already defined\(other)"))
            return
        }
        if packages.contains(fullName) {
            diagnostics.append(ProtoDiagnostic(location, "\"\(fullName)\" is already defined (as a package)"))
            return
        }
        types[fullName] = entry
    }

    private mutating func register(message: inout ProtoMessage, scope: String, path: [String], file: ProtoFile) {
        let fullName = scope.isEmpty ? message.name : scope + "." + message.name
        message.fullName = fullName
        let path = path + [message.name]
        define(
            fullName, TypeEntry(isEnum: false, file: file.name, package: file.package, path: path, isClosedEnum: false),
            at: message.location)
        for i in message.messages.indices {
            register(message: &message.messages[i], scope: fullName, path: path, file: file)
        }
        for i in message.enums.indices { register(enum: &message.enums[i], scope: fullName, path: path, file: file) }
    }

    private mutating func register(enum value: inout ProtoEnum, scope: String, path: [String], file: ProtoFile) {
        let fullName = scope.isEmpty ? value.name : scope + "." + value.name
        value.fullName = fullName
        define(
            fullName,
            TypeEntry(isEnum: true, file: file.name, package: file.package, path: path + [value.name], isClosedEnum: value.isClosed),
            at: value.location)
    }

    // MARK: - Checking and resolving

    /// Files whose types `file` may use: itself, its imports, and what those import publicly (transitively).
    private func visibleFiles(of file: ProtoFile) -> Set<String> {
        var visible: Set<String> = [file.name]
        var pending = file.imports.map(\.path)
        for item in file.imports { visible.insert(item.path) }
        var seenPublic: Set<String> = []
        while let next = pending.popLast() {
            guard let imported = files[next] else { continue }
            for item in imported.imports where item.kind == .isPublic && !seenPublic.contains(item.path) {
                seenPublic.insert(item.path)
                visible.insert(item.path)
                pending.append(item.path)
            }
        }
        return visible
    }

    private mutating func check(_ file: inout ProtoFile) {
        let visible = visibleFiles(of: file)
        var names: [String: SourceLocation] = [:]
        for i in file.messages.indices { check(message: &file.messages[i], file: file, visible: visible) }
        for value in file.enums { check(enum: value, syntax: file.syntax) }
        checkEnumValueScope(file.enums, &names)
    }

    /// C++ scoping: enum values are siblings of their enum, so two enums in one scope can't share a value name.
    private mutating func checkEnumValueScope(_ enums: [ProtoEnum], _ seen: inout [String: SourceLocation]) {
        var owner: [String: String] = [:]
        for item in enums {
            for value in item.values {
                if let other = owner[value.name], other != item.name {
                    diagnostics.append(
                        ProtoDiagnostic(
                            value.location,
                            "\"\(value.name)\" is already defined in this scope (by enum \(other)); enum values are siblings of their enum, as in C++"))
                }
                owner[value.name] = item.name
            }
        }
    }

    private mutating func check(enum value: ProtoEnum, syntax: ProtoSyntax) {
        if syntax == .proto3, let first = value.values.first, first.number != 0 {
            diagnostics.append(ProtoDiagnostic(first.location, "the first enum value must be zero in proto3"))
        }
        let allowAlias = value.options.last(where: { $0.name == "allow_alias" })?.text == "true"
        var byNumber: [Int: String] = [:]
        var byName: Set<String> = []
        for item in value.values {
            if !byName.insert(item.name).inserted {
                diagnostics.append(ProtoDiagnostic(item.location, "\"\(item.name)\" is already defined in enum \(value.name)"))
            }
            if let other = byNumber[item.number], !allowAlias {
                diagnostics.append(
                    ProtoDiagnostic(
                        item.location,
                        "\"\(item.name)\" uses the same enum value as \"\(other)\"; set option allow_alias = true to allow it"))
            }
            if byNumber[item.number] == nil { byNumber[item.number] = item.name }
        }
    }

    private mutating func check(message: inout ProtoMessage, file: ProtoFile, visible: Set<String>) {
        var numbers: [Int: String] = [:]
        var names: [String: Bool] = [:]
        var jsonNames: [String: String] = [:]
        for i in message.fields.indices {
            var field = message.fields[i]
            if names[field.name] != nil {
                diagnostics.append(ProtoDiagnostic(field.location, "\"\(field.name)\" is already defined in \(message.fullName)"))
            }
            names[field.name] = true
            if field.number < 1 || field.number > 536_870_911 {
                diagnostics.append(ProtoDiagnostic(field.location, "field numbers must be between 1 and 536870911"))
            } else if (19000...19999).contains(field.number) {
                diagnostics.append(
                    ProtoDiagnostic(field.location, "field numbers 19000 through 19999 are reserved for the protocol buffer library implementation"))
            }
            if let other = numbers[field.number] {
                diagnostics.append(
                    ProtoDiagnostic(field.location, "field number \(field.number) has already been used in \"\(message.fullName)\" by field \"\(other)\""))
            }
            numbers[field.number] = field.name
            if message.reservedNumbers.contains(where: { $0.contains(field.number) }) {
                diagnostics.append(
                    ProtoDiagnostic(field.location, "field \"\(field.name)\" uses reserved number \(field.number)"))
            }
            if message.extensionRanges.contains(where: { $0.contains(field.number) }) {
                diagnostics.append(
                    ProtoDiagnostic(field.location, "field \"\(field.name)\" uses number \(field.number), inside an extension range"))
            }
            if message.reservedNames.contains(field.name) {
                diagnostics.append(ProtoDiagnostic(field.location, "field name \"\(field.name)\" is reserved"))
            }
            // Labels per syntax.
            if file.syntax == .proto3, field.label == .required {
                diagnostics.append(ProtoDiagnostic(field.location, "required fields are not allowed in proto3"))
            }
            if file.syntax == .proto2, field.label == .none, field.oneofIndex == nil, !field.isMap {
                diagnostics.append(
                    ProtoDiagnostic(field.location, "expected \"required\", \"optional\", or \"repeated\" (proto2 fields need a label)"))
            }
            // Types.
            field.type = resolve(field.type, at: field.typeLocation, scope: message.fullName, visible: visible)
            if let value = field.mapValue {
                field.mapValue = resolve(value, at: field.typeLocation, scope: message.fullName, visible: visible)
            }
            checkOptions(&field, file: file)
            if file.syntax == .proto3 {
                let elementType = field.mapValue ?? field.type
                if case .enumeration(let name) = elementType, types[name]?.isClosedEnum == true {
                    diagnostics.append(
                        ProtoDiagnostic(field.typeLocation, "enum \"\(name)\" is a proto2 enum and cannot be used in a proto3 message"))
                }
            }
            let jsonName = field.option("json_name").flatMap { $0.bytes.map { String(decoding: $0, as: UTF8.self) } }
                ?? ProtoNaming.jsonName(field.name)
            if file.syntax == .proto3, let other = jsonNames[jsonName] {
                diagnostics.append(
                    ProtoDiagnostic(field.location, "the JSON name of field \"\(field.name)\" (\"\(jsonName)\") conflicts with field \"\(other)\""))
            }
            jsonNames[jsonName] = field.name
            message.fields[i] = field
        }
        for i in message.messages.indices { check(message: &message.messages[i], file: file, visible: visible) }
        for value in message.enums { check(enum: value, syntax: file.syntax) }
        var seen: [String: SourceLocation] = [:]
        checkEnumValueScope(message.enums, &seen)
    }

    private mutating func checkOptions(_ field: inout ProtoField, file: ProtoFile) {
        for option in field.options {
            switch option.name {
            case "packed":
                let packable: Bool =
                    switch field.type {
                    case .scalar(let s): s != .string && s != .bytes
                    case .enumeration: true
                    default: false
                    }
                if field.label != .repeated || field.isMap || !packable {
                    diagnostics.append(ProtoDiagnostic(option.location, "[packed = true] can only be specified for repeated primitive fields"))
                }
            case "default":
                if file.syntax == .proto3 {
                    diagnostics.append(ProtoDiagnostic(option.location, "explicit default values are not allowed in proto3"))
                } else if field.label == .repeated {
                    diagnostics.append(ProtoDiagnostic(option.location, "repeated fields can't have default values"))
                } else if case .message = field.type {
                    diagnostics.append(ProtoDiagnostic(option.location, "messages can't have default values"))
                } else if let problem = ProtoDefaults.check(option, type: field.type, enumValues: enumValueNames(field.type)) {
                    diagnostics.append(ProtoDiagnostic(option.location, problem))
                }
            case "json_name":
                if option.bytes == nil {
                    diagnostics.append(ProtoDiagnostic(option.location, "json_name must be a string"))
                }
            default:
                break
            }
        }
    }

    private func enumValueNames(_ type: ProtoFieldType) -> [String] {
        guard case .enumeration(let name) = type, let entry = types[name], let file = files[entry.file] else { return [] }
        return ProtoResolver.findEnum(name, in: file)?.values.map(\.name) ?? []
    }

    /// The enum with full name `name` in `file`.
    package static func findEnum(_ name: String, in file: ProtoFile) -> ProtoEnum? {
        func search(_ messages: [ProtoMessage]) -> ProtoEnum? {
            for message in messages {
                if let found = message.enums.first(where: { $0.fullName == name }) { return found }
                if let found = search(message.messages) { return found }
            }
            return nil
        }
        return file.enums.first(where: { $0.fullName == name }) ?? search(file.messages)
    }

    /// Resolves a type reference from inside `scope` (a message's full name): a leading dot means a full name;
    /// otherwise the first component is looked up from the innermost scope outwards, and the rest within what
    /// it names (protobuf's rule: https://protobuf.dev/programming-guides/proto3/#packages-and-name-resolution).
    private mutating func resolve(
        _ type: ProtoFieldType, at location: SourceLocation, scope: String, visible: Set<String>
    ) -> ProtoFieldType {
        guard case .unresolved(let written) = type else { return type }
        var found: String?
        if written.hasPrefix(".") {
            let name = String(written.dropFirst())
            if types[name] != nil { found = name }
        } else {
            let first = written.split(separator: ".", maxSplits: 1).first.map(String.init) ?? written
            var scopeParts = scope.split(separator: ".").map(String.init)
            while true {
                let prefix = scopeParts.joined(separator: ".")
                let candidateFirst = prefix.isEmpty ? first : prefix + "." + first
                if types[candidateFirst] != nil || packages.contains(candidateFirst) {
                    let candidate = prefix.isEmpty ? written : prefix + "." + written
                    if types[candidate] != nil {
                        found = candidate
                        break
                    }
                    // protoc keeps searching outwards only when the first part names something that can't
                    // contain the rest; a message or package that lacks it is an error. Keep it simple and
                    // strict: report it.
                    if written.contains(".") {
                        diagnostics.append(
                            ProtoDiagnostic(location, "\"\(written)\" is resolved to \"\(candidate)\", which is not defined"))
                        return type
                    }
                }
                if scopeParts.isEmpty { break }
                scopeParts.removeLast()
            }
        }
        guard let name = found, let entry = types[name] else {
            diagnostics.append(ProtoDiagnostic(location, "\"\(written)\" is not defined"))
            return type
        }
        if !visible.contains(entry.file) {
            diagnostics.append(
                ProtoDiagnostic(location, "\"\(written)\" seems to be defined in \"\(entry.file)\", which is not imported by \"\(location.file)\""))
        }
        return entry.isEnum ? .enumeration(name) : .message(name)
    }
}
