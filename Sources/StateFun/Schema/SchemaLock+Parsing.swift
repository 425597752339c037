import Foundation
import StateFunHTTP

extension SchemaLock {
    /// Reads a lock written by ``rendered()`` (or edited by hand). Every problem is a ``SchemaLockError`` naming
    /// the field or, for broken JSON, the parser's position; unknown fields are ignored so a newer SDK may add some.
    package init(parsing text: String) throws(SchemaLockError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        } catch {
            throw .syntax(detail: Self.parserMessage(error, in: text))
        }
        let top = try Self.object(root, at: "the top level")
        guard let versionValue = top["version"] else { throw .field("version", problem: "is missing") }
        guard let version = versionValue as? NSNumber, !Self.isBool(version), version.intValue == Self.formatVersion,
            version.doubleValue == Double(Self.formatVersion)
        else {
            throw .unsupportedVersion(String(describing: versionValue))
        }
        var functions: [String: Function] = [:]
        for (name, value) in try Self.object(top["functions"], at: "functions") {
            let path = "functions[\(Self.quoted(name))]"
            let fields = try Self.object(value, at: path)
            var states: [String: State] = [:]
            for (stateName, stateValue) in try Self.object(fields["states"], at: path + ".states") {
                let statePath = path + ".states[\(Self.quoted(stateName))]"
                let stateFields = try Self.object(stateValue, at: statePath)
                states[stateName] = State(
                    typeName: try Self.string(stateFields["type"], at: statePath + ".type"),
                    expiration: try Self.string(stateFields["expiration"], at: statePath + ".expiration"))
            }
            functions[name] = Function(
                handles: try Self.strings(fields["handles"], at: path + ".handles").sorted(),
                catchAll: try Self.bool(fields["catchAll"], at: path + ".catchAll"), states: states,
                emits: try Self.strings(fields["emits"], at: path + ".emits").sorted())
        }
        var ingresses: [String: Ingress] = [:]
        for (id, value) in try Self.object(top["ingresses"], at: "ingresses") {
            let path = "ingresses[\(Self.quoted(id))]"
            let fields = try Self.object(value, at: path)
            guard let routeValues = fields["routes"] as? [Any] else {
                throw .field(path + ".routes", problem: fields["routes"] == nil ? "is missing" : "must be an array")
            }
            var routes: [Route] = []
            for (index, routeValue) in routeValues.enumerated() {
                let routePath = path + ".routes[\(index)]"
                let routeFields = try Self.object(routeValue, at: routePath)
                routes.append(
                    Route(
                        topic: try Self.string(routeFields["topic"], at: routePath + ".topic"),
                        valueType: try Self.string(routeFields["valueType"], at: routePath + ".valueType"),
                        targets: try Self.strings(routeFields["targets"], at: routePath + ".targets").sorted()))
            }
            ingresses[id] = Ingress(
                kind: try Self.string(fields["kind"], at: path + ".kind"), routes: routes.sorted(by: Self.routeOrder))
        }
        var egresses: [String: Egress] = [:]
        for (id, value) in try Self.object(top["egresses"], at: "egresses") {
            let path = "egresses[\(Self.quoted(id))]"
            egresses[id] = Egress(kind: try Self.string(try Self.object(value, at: path)["kind"], at: path + ".kind"))
        }
        self.init(functions: functions, ingresses: ingresses, egresses: egresses)
    }

    private static func object(_ value: Any?, at path: String) throws(SchemaLockError) -> [String: Any] {
        guard let value else { throw .field(path, problem: "is missing") }
        guard let object = value as? [String: Any] else { throw .field(path, problem: "must be an object") }
        return object
    }

    private static func string(_ value: Any?, at path: String) throws(SchemaLockError) -> String {
        guard let value else { throw .field(path, problem: "is missing") }
        guard let string = value as? String else { throw .field(path, problem: "must be a string") }
        return string
    }

    private static func strings(_ value: Any?, at path: String) throws(SchemaLockError) -> [String] {
        guard let value else { throw .field(path, problem: "is missing") }
        guard let array = value as? [Any] else { throw .field(path, problem: "must be an array of strings") }
        var strings: [String] = []
        for (index, item) in array.enumerated() {
            guard let string = item as? String else { throw .field("\(path)[\(index)]", problem: "must be a string") }
            strings.append(string)
        }
        return strings
    }

    private static func bool(_ value: Any?, at path: String) throws(SchemaLockError) -> Bool {
        guard let value else { throw .field(path, problem: "is missing") }
        if let number = value as? NSNumber, isBool(number) { return number.boolValue }
        throw .field(path, problem: "must be true or false")
    }

    /// Foundation gives JSON's `true`/`false` as an NSNumber whose Objective-C type is `c` (char); numbers
    /// have other types, so `1` is not taken for `true`.
    private static func isBool(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    private static func quoted(_ key: String) -> String { JSONNode.quoted(key) }

    /// Foundation's message for a JSON syntax error, with the line and column of the byte offset it reports
    /// (`NSJSONSerializationErrorIndex`, else the number in "around character N"), so a hand-edited lock is easy
    /// to fix.
    private static func parserMessage(_ error: any Error, in text: String) -> String {
        let nsError = error as NSError
        let message = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription
        var offset = nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int
        if offset == nil, let range = message.range(of: "character ") {
            offset = Int(message[range.upperBound...].prefix { $0.isNumber })
        }
        guard let offset, offset >= 0 else { return message }
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column): \(message)"
    }
}

extension SchemaLock {
    /// The largest lock file read (16 MiB): far above any real app's contract, and a bound on what a wrong path
    /// (a log, a device) can make `validate --against` load into memory.
    package static let maximumFileBytes = 16 << 20

    /// Reads and parses the lock file at `path`.
    package init(contentsOfFile path: String) throws(SchemaLockError) {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.contents(of: path, maxBytes: Self.maximumFileBytes)
        } catch {
            switch error {
            case .unreadable(_, let reason): throw .unreadable(path: path, reason: reason)
            case .tooLarge(_, let limit): throw .unreadable(path: path, reason: "larger than \(limit) bytes")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .syntax(detail: "the file is not UTF-8 text")
        }
        try self.init(parsing: text)
    }

    /// Writes ``rendered()`` to `path`, replacing the file.
    package func write(toFile path: String) throws(SchemaLockError) {
        do {
            try Data(rendered().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
