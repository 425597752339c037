#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `Codable` type that travels as UTF-8 JSON (Python `make_json_type`, Go `MakeJsonType`).
///
/// Only ``StateFunType/typeName`` is left to declare:
///
/// ```swift
/// struct Profile: JSONType {
///     static let typeName: TypeName = "example/Profile"
///     var id: String
///     var events: [String]
/// }
/// ```
///
/// JSON encoders differ in spacing and key order (Python writes `", "` and `": "`, Go adds a newline), so
/// receivers parse JSON values and never compare their bytes.
public protocol JSONType: StateFunType, Codable {}

extension JSONType {
    /// Decodes a value from its serialized bytes (see ``StateFunType``).
    public static func deserialize(from bytes: [UInt8]) throws -> Self {
        do {
            return try JSONDecoder().decode(Self.self, from: Data(bytes))
        } catch {
            throw StateFunError.deserializationFailed(typeName: typeName.description, reason: "\(error)")
        }
    }

    /// Serializes the value (see ``StateFunType``).
    public func serialize() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw StateFunError.serializationFailed(typeName: Self.typeName.description, reason: "\(error)")
        }
    }
}
