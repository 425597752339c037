/// A generated protobuf enum: its cases, numbers and `.proto` names (the JSON form).
///
/// proto3 enums are open: a number the enum does not define decodes to a case that keeps it
/// (`UNRECOGNIZED(Int)`), and `init?(rawValue:)` never fails. proto2 enums are closed: `init?(rawValue:)` fails
/// for such a number, and the decoder keeps it in the message's unknown fields.
public protocol ProtobufEnum: Sendable, Hashable {
    /// The default value: the first declared.
    init()
    /// The value with number `rawValue`.
    init?(rawValue: Int)
    /// The value's number.
    var rawValue: Int { get }
    /// The value's name in the `.proto` file, nil for an unrecognized number.
    var protoName: String? { get }
    /// The value named `protoName` in the `.proto` file.
    init?(protoName: String)
}
