#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import StateFunWire

/// Shows values as JSON for the development server: egress record values, typed messages and state.
///
/// The order of attempts (Docs/Decisions/0006-dev-server-value-rendering.md):
///
/// 1. a value whose typename is known (state, a typed egress value) and names a type the renderer knows — one of
///    the six built-ins or one of ``DevServerConfiguration/messageTypes`` — is decoded with that type:
///    `{"type": …, "value": …}`, a message shown as its fields (the Swift property names, found by reflection);
/// 2. bytes that are printable UTF-8 (no control characters besides tab, CR and LF) are shown as
///    `{"text": …}`: Kafka values written as strings, JSON values;
/// 3. bytes without a typename (a Kafka or Kinesis record's value) are tried against the declared message types
///    in order; the first whose decoding re-encodes to exactly the same bytes is taken (a looser test would let
///    `GreetRequest{name}` claim every message whose field 1 is a string);
/// 4. bytes that parse completely as protobuf wire format are shown by field number: `{"protobuf": {"1": …}}`;
/// 5. anything else as `{"base64": …}`.
package struct DevValueRenderer: Sendable {
    /// How one known type decodes bytes into JSON.
    struct Entry: Sendable {
        var typeName: String
        /// The value's JSON when the bytes decode as this type.
        var decode: @Sendable ([UInt8]) -> DevJSON?
        /// The value's JSON when the bytes decode as this type and re-encode to the same bytes.
        var decodeExactly: @Sendable ([UInt8]) -> DevJSON?
    }

    /// How deep reflection and the schema-less protobuf reading go before giving up on structure.
    package static let maxDepth = 32

    private let byTypeName: [String: Entry]
    private let candidates: [Entry]

    /// A renderer that knows the built-in types and `messageTypes` (which are also the candidates for bytes
    /// without a typename, in this order).
    /// `declaredTypes` (the app's handler types) are known by typename too, after `messageTypes`, but bytes
    /// without a typename are not matched against them.
    package init(messageTypes: [any StateFunType.Type], declaredTypes: [any StateFunType.Type] = []) {
        var byTypeName: [String: Entry] = [:]
        let builtIns: [any StateFunType.Type] = [Bool.self, Int32.self, Int64.self, Float.self, Double.self, String.self]
        for type in builtIns {
            let entry = Self.entry(type)
            byTypeName[entry.typeName] = entry
        }
        var candidates: [Entry] = []
        for type in messageTypes {
            let entry = Self.entry(type)
            byTypeName[entry.typeName] = entry
            candidates.append(entry)
        }
        for type in declaredTypes where byTypeName[type.typeName.description] == nil {
            byTypeName[type.typeName.description] = Self.entry(type)
        }
        self.byTypeName = byTypeName
        self.candidates = candidates
    }

    /// Whether `typeName` names a type this renderer decodes.
    package func knows(_ typeName: String) -> Bool { byTypeName[typeName] != nil }

    /// A value with its typename (a state value, a typed message); `bytes == nil` is an absent value.
    package func render(typeName: String, bytes: [UInt8]?) -> DevJSON {
        guard let bytes else { return .object(["type": .string(typeName), "value": .null]) }
        if let entry = byTypeName[typeName], let value = entry.decode(bytes) {
            return .object(["type": .string(typeName), "value": value])
        }
        var members = [DevJSONMember(key: "type", value: .string(typeName))]
        members.append(contentsOf: Self.untyped(bytes, candidates: []))
        return .object(members)
    }

    /// Bytes without a typename: a Kafka or Kinesis record's value.
    package func render(bytes: [UInt8]) -> DevJSON {
        .object(Self.untyped(bytes, candidates: candidates))
    }

    private static func untyped(_ bytes: [UInt8], candidates: [Entry]) -> [DevJSONMember] {
        if let text = printableText(bytes) { return [DevJSONMember(key: "text", value: .string(text))] }
        for entry in candidates {
            if let value = entry.decodeExactly(bytes) {
                return [
                    DevJSONMember(key: "type", value: .string(entry.typeName)),
                    DevJSONMember(key: "value", value: value),
                ]
            }
        }
        if let fields = protobufFields(bytes, depth: 0) {
            return [DevJSONMember(key: "protobuf", value: fields)]
        }
        return [DevJSONMember(key: "base64", value: .string(Data(bytes).base64EncodedString()))]
    }

    // MARK: - Types

    private static func entry(_ type: any StateFunType.Type) -> Entry { makeEntry(type) }

    private static func makeEntry<V: StateFunType>(_ type: V.Type) -> Entry {
        Entry(
            typeName: V.typeName.description,
            decode: { bytes in
                guard let value = try? V.deserialize(from: bytes) else { return nil }
                return show(value)
            },
            decodeExactly: { bytes in
                guard let value = try? V.deserialize(from: bytes), (try? value.serialize()) == bytes else { return nil }
                // A generated message keeps fields it does not know and writes them back, so re-encoding alone
                // would let any message claim any bytes: it must also know every field.
                if let message = value as? any ProtobufJSONMessage, !message.unknownFields.isEmpty { return nil }
                return show(value)
            })
    }

    /// A decoded value as JSON: a generated protobuf message in its proto3 JSON form, anything else by reflection.
    static func show(_ value: some StateFunType) -> DevJSON {
        if let message = value as? any ProtobufJSONMessage, let bytes = try? message.jsonUTF8Bytes(),
            let json = try? ProtoJSONValue(parsing: bytes)
        {
            return DevJSON(json)
        }
        return reflect(value, depth: 0)
    }

    /// A decoded value as JSON: scalars as themselves, structures by their stored properties.
    package static func reflect(_ value: Any, depth: Int) -> DevJSON {
        switch value {
        case let v as String: return .string(v)
        case let v as Bool: return .bool(v)
        case let v as Int: return .int(Int64(v))
        case let v as Int8: return .int(Int64(v))
        case let v as Int16: return .int(Int64(v))
        case let v as Int32: return .int(Int64(v))
        case let v as Int64: return .int(v)
        case let v as UInt: return .uint(UInt64(v))
        case let v as UInt8: return .uint(UInt64(v))
        case let v as UInt16: return .uint(UInt64(v))
        case let v as UInt32: return .uint(UInt64(v))
        case let v as UInt64: return .uint(v)
        case let v as Float: return .double(Double(v))
        case let v as Double: return .double(v)
        case let v as [UInt8]: return .string(Data(v).base64EncodedString())
        case let v as TypeName: return .string(v.description)
        case let v as Address: return .string(v.description)
        default: break
        }
        guard depth < maxDepth else { return .string(String(describing: value)) }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return .null }
            return reflect(wrapped.value, depth: depth + 1)
        case .collection, .set:
            return .array(mirror.children.map { reflect($0.value, depth: depth + 1) })
        case .dictionary:
            return .object(
                mirror.children.map { pair in
                    let parts = Array(Mirror(reflecting: pair.value).children)
                    let key = parts.first.map { String(describing: $0.value) } ?? "?"
                    let value = parts.count > 1 ? reflect(parts[1].value, depth: depth + 1) : .null
                    return DevJSONMember(key: key, value: value)
                })
        case .struct, .class, .tuple:
            guard !mirror.children.isEmpty else { return .object([]) }
            return .object(
                mirror.children.enumerated().map { index, child in
                    DevJSONMember(key: child.label ?? String(index), value: reflect(child.value, depth: depth + 1))
                })
        default:
            return .string(String(describing: value))
        }
    }

    // MARK: - Bytes

    /// The bytes as text when they are valid UTF-8 without control characters other than tab, CR and LF.
    package static func printableText(_ bytes: [UInt8]) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F { return nil }
        }
        return text
    }

    /// The message's fields by number, when all of `bytes` is well-formed protobuf wire format with at least one
    /// field: varints and fixed values as numbers, length-delimited fields as nested messages, printable text or
    /// base64; repeated numbers as arrays.
    package static func protobufFields(_ bytes: [UInt8], depth: Int) -> DevJSON? {
        guard !bytes.isEmpty, depth < maxDepth else { return nil }
        var reader = WireReader(bytes)
        var order: [UInt32] = []
        var values: [UInt32: [DevJSON]] = [:]
        do {
            while let tag = try reader.nextField() {
                let value: DevJSON
                switch tag.wireType {
                case .varint: value = .uint(try reader.readVarint())
                case .fixed64: value = .uint(try reader.readRawFixed64())
                case .fixed32: value = .uint(UInt64(try reader.readRawFixed32()))
                case .lengthDelimited:
                    let field = try reader.readBytes(tag)
                    if let nested = protobufFields(field, depth: depth + 1), printableText(field) == nil {
                        value = nested
                    } else if let text = printableText(field) {
                        value = .string(text)
                    } else {
                        value = .string(Data(field).base64EncodedString())
                    }
                default:
                    return nil  // groups: not written by proto3 encoders
                }
                if values[tag.number] == nil { order.append(tag.number) }
                values[tag.number, default: []].append(value)
            }
        } catch {
            return nil
        }
        return .object(
            order.map { number in
                let all = values[number] ?? []
                return DevJSONMember(key: String(number), value: all.count == 1 ? all[0] : .array(all))
            })
    }
}
