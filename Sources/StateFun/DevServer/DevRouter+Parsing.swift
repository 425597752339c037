import StateFunWire
package import StateFunHTTP

// How the development server reads a request: path segments, addresses, content types, bodies.
extension DevRouter {
    /// A request the router can't make sense of, with the reason for the 400 answer.
    package struct Problem: Error, Equatable {
        package var message: String
    }

    /// The path's segments, percent-decoded one by one (so `%2F` stays inside its segment); a trailing slash
    /// leaves an empty last segment (``route(_:)`` decides what it means).
    package static func segments(of request: HTTPRequest) -> Result<[String], Problem> {
        var raw = Substring(request.target)
        if let query = raw.firstIndex(of: "?") { raw = raw[..<query] }
        if !raw.hasPrefix("/") { raw = Substring(request.path) }  // absolute form: the server parsed the path
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var segments: [String] = []
        for part in parts {
            guard let decoded = percentDecoded(part) else {
                return .failure(Problem(message: "the path segment '\(part)' is not valid percent-encoded UTF-8"))
            }
            segments.append(decoded)
        }
        return .success(segments)
    }

    /// `a/b/c/id` → namespace `a/b`, type `c`, id `id` (a typename splits at its last `/`).
    static func address(_ segments: ArraySlice<String>) -> Address {
        let id = segments.last ?? ""
        let name = segments.dropLast().last ?? ""
        let namespace = segments.dropLast(2).joined(separator: "/")
        return Address(TypeName(namespace: namespace, name: name), id: id)
    }

    /// True for `Content-Type: application/json` (parameters ignored).
    package static func isJSON(contentType: String?) -> Bool {
        guard let contentType else { return false }
        var media = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        while let first = media.first, first == " " || first == "\t" { media = media.dropFirst() }
        while let last = media.last, last == " " || last == "\t" { media = media.dropLast() }
        return media.lowercased() == "application/json"
    }

    /// A JSON body as the message the function's handler declares: the one handled type that is a generated
    /// protobuf message (Docs/Protobuf.md), read from its proto3 JSON form.
    func jsonMessage(for function: TypeName, body: [UInt8]) -> Result<Message, Problem> {
        let handled = app.model.functions.first { $0.typeName == function }?.handlers ?? []
        let candidates = handled.compactMap { handler -> (TypeName, any ProtobufJSONMessage.Type)? in
            guard let type = handler.valueType as? any ProtobufJSONMessage.Type else { return nil }
            return (handler.typeName, type)
        }
        guard let (typeName, type) = candidates.first else {
            return .failure(
                Problem(
                    message: "\(function) handles no protobuf message generated from a .proto file, so a JSON body "
                        + "has no type; send protobuf bytes with Content-Type: application/vnd.<typename>"))
        }
        guard candidates.count == 1 else {
            let names = candidates.map { $0.0.description }.joined(separator: ", ")
            return .failure(
                Problem(
                    message: "\(function) handles several protobuf messages (\(names)); send protobuf bytes with "
                        + "Content-Type: application/vnd.<typename> to choose"))
        }
        do {
            let decoded = try type.init(jsonUTF8Bytes: body)
            guard let value = decoded as? any StateFunType else {
                return .failure(Problem(message: "\(typeName) cannot be sent"))
            }
            return .success(Message(typeName: typeName.description, bytes: try value.serialize()))
        } catch {
            return .failure(Problem(message: "the body is not \(typeName) in JSON: \(error)"))
        }
    }

    /// The message typename a `Content-Type` names: `application/vnd.<typename>` (parameters ignored), the default
    /// for any other media type or none.
    package static func typeName(contentType: String?) -> Result<String, Problem> {
        guard let contentType else { return .success(defaultTypeName) }
        var trimmed = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        while let first = trimmed.first, first == " " || first == "\t" { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        let prefix = "application/vnd."
        guard trimmed.count > prefix.count, trimmed.lowercased().hasPrefix(prefix) else {
            return .success(defaultTypeName)
        }
        let name = String(trimmed.dropFirst(prefix.count))
        if let reason = TypeName(name).validationError {
            return .failure(Problem(message: "invalid typename '\(name)' in Content-Type '\(contentType)': \(reason)"))
        }
        return .success(name)
    }

    /// The bytes to deliver: as received, except that plain text sent as `io.statefun.types/string` is wrapped
    /// the way SDKs encode strings (a `StringWrapper`), so `curl -d ann` reaches a `Handle(String.self)`.
    /// Bytes that already are an exact `StringWrapper` encoding pass unchanged.
    package static func body(_ bytes: [UInt8], typeName: String) -> [UInt8] {
        guard typeName == String.typeName.description, let text = String(validating: bytes, as: UTF8.self) else {
            return bytes
        }
        if let wrapped = try? String.deserialize(from: bytes), wrapped.serialize() == bytes { return bytes }
        return text.serialize()
    }

    static func percentDecoded(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
