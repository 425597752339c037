/// One stream of a ``KinesisIngress``: its records are routed to the functions `targets`.
///
/// As for ``KafkaTopic``: a record's partition key becomes the id of the target address, and its data travels
/// unchanged with the typename `valueType` (`protocol.md` §2.2).
///
/// module.yaml: `streams[] {stream, valueType, targets}` (3.x) or `{stream, typeUrl, targets}` (2.x formats).
public struct KinesisStream: Sendable {
    /// The Kinesis stream.
    public let stream: String
    /// The typename the records' data travels with on the 3.x protocol.
    public let valueType: TypeName
    let typeURLV2: String
    /// The functions every record is sent to.
    public let targets: [TypeName]

    /// Routes `stream` to `targets`, its values typed as `valueType`.
    public init<Value: StateFunType>(_ stream: String, valueType: Value.Type, targets: TypeName...) {
        self.stream = stream
        self.valueType = Value.typeName
        self.typeURLV2 = AnyCodec.typeName(of: Value.self)
        self.targets = targets
    }

    /// Routes `stream` to `targets`, its values typed with the typename `valueType`.
    public init(_ stream: String, valueType: TypeName, targets: TypeName...) {
        self.stream = stream
        self.valueType = valueType
        self.typeURLV2 = valueType.description
        self.targets = targets
    }
}
