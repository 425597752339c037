/// The parsed form of `.proto` files: what the generator needs of protobuf's descriptors, with source locations
/// for diagnostics. Type references are resolved in place by ``ProtoResolver``.

/// `syntax = "proto2"` or `"proto3"` (no statement means proto2, as protoc reads it).
package enum ProtoSyntax: String, Sendable {
    case proto2
    case proto3
}

/// The 15 scalar types (https://protobuf.dev/programming-guides/proto3/#scalar).
package enum ProtoScalar: String, Sendable, CaseIterable {
    case double, float, int32, int64, uint32, uint64, sint32, sint64, fixed32, fixed64, sfixed32, sfixed64, bool
    case string, bytes
}

/// A field's type: a scalar, or a named message or enum (resolved to its full name, without leading dot).
package enum ProtoFieldType: Sendable, Equatable {
    case scalar(ProtoScalar)
    /// As written, until the resolver replaces it.
    case unresolved(String)
    case message(String)
    case enumeration(String)
}

package enum ProtoLabel: Sendable {
    /// proto3 singular without `optional`: implicit presence.
    case none
    case optional
    case required
    case repeated
}

package struct ProtoOption: Sendable {
    package var name: String
    /// The constant as written (identifiers and numbers), or a string literal's decoded bytes.
    package var text: String
    package var bytes: [UInt8]?
    package var location: SourceLocation
}

package struct ProtoField: Sendable {
    package var name: String
    package var number: Int
    package var label: ProtoLabel
    package var type: ProtoFieldType
    /// For `map<K, V>`: key and value types (`type` is unused then).
    package var mapKey: ProtoScalar?
    package var mapValue: ProtoFieldType?
    package var options: [ProtoOption] = []
    /// Index into the message's `oneofs` (real oneofs only; proto3 `optional` makes none).
    package var oneofIndex: Int?
    package var comment: String?
    package var location: SourceLocation
    package var typeLocation: SourceLocation

    package var isMap: Bool { mapKey != nil }

    package func option(_ name: String) -> ProtoOption? { options.last { $0.name == name } }
}

package struct ProtoOneof: Sendable {
    package var name: String
    package var comment: String?
    package var location: SourceLocation
}

package struct ProtoEnumValue: Sendable {
    package var name: String
    package var number: Int
    package var comment: String?
    package var location: SourceLocation
}

package struct ProtoEnum: Sendable {
    package var name: String
    /// `package.Outer.Name`.
    package var fullName: String = ""
    package var values: [ProtoEnumValue] = []
    package var options: [ProtoOption] = []
    package var comment: String?
    package var location: SourceLocation
    /// proto2 enums are closed: values they do not define go to unknown fields.
    package var isClosed = false
}

package struct ProtoMessage: Sendable {
    package var name: String
    package var fullName: String = ""
    package var fields: [ProtoField] = []
    package var oneofs: [ProtoOneof] = []
    package var messages: [ProtoMessage] = []
    package var enums: [ProtoEnum] = []
    package var reservedNumbers: [ClosedRange<Int>] = []
    package var reservedNames: [String] = []
    package var extensionRanges: [ClosedRange<Int>] = []
    package var options: [ProtoOption] = []
    package var comment: String?
    package var location: SourceLocation
}

package struct ProtoImport: Sendable {
    package enum Kind: Sendable { case normal, isPublic, weak }
    package var path: String
    package var kind: Kind
    package var location: SourceLocation
}

package struct ProtoFile: Sendable {
    /// The path relative to its `-I` root (`google/protobuf/timestamp.proto`): how imports name it.
    package var name: String
    package var syntax: ProtoSyntax = .proto2
    package var package: String = ""
    package var imports: [ProtoImport] = []
    package var options: [ProtoOption] = []
    package var messages: [ProtoMessage] = []
    package var enums: [ProtoEnum] = []

    package init(name: String) { self.name = name }

    package func option(_ name: String) -> ProtoOption? { options.last { $0.name == name } }
}
