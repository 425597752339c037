/// A Kinesis egress: functions write records to Kinesis streams through it (`io.statefun.kinesis.v1/egress`;
/// `statefun.kinesis.io/generic-egress` on 2.x).
///
/// Keep the value: it is the typed handle handlers send through,
/// `try context.send(events.record(stream: "events", partitionKey: id, value: .typed(event)))`.
public struct KinesisEgress: PrimitiveAppComponent, EgressHandle {
    /// The egress id.
    public let id: TypeName
    let region: AWSRegion
    let credentials: AWSCredentials
    let maxOutstandingRecords: Int?
    let clientProperties: [(key: String, value: String)]

    /// Declares a Kinesis egress.
    ///
    /// - Parameters:
    ///   - id: the egress id functions send records to.
    ///   - region: the AWS region of the streams.
    ///   - credentials: how the producer authenticates with AWS.
    ///   - maxOutstandingRecords: how many records the producer buffers before it applies back-pressure
    ///     (`nil`: the runtime's default, 1000).
    ///   - clientProperties: extra Kinesis producer properties, in order (`clientConfigProperties`).
    public init(
        id: TypeName,
        region: AWSRegion = .default,
        credentials: AWSCredentials = .default,
        maxOutstandingRecords: Int? = nil,
        clientProperties: ClientProperties = [:]
    ) {
        self.id = id
        self.region = region
        self.credentials = credentials
        self.maxOutstandingRecords = maxOutstandingRecords
        self.clientProperties = clientProperties.pairs
    }

    /// A record for `stream` of this egress, for `context.send(_:)`.
    public func record(stream: String, partitionKey: String, explicitHashKey: String? = nil, value: EgressValue)
        -> EgressRecord
    {
        EgressRecord(
            egress: id,
            kind: .kinesis(stream: stream, partitionKey: partitionKey, explicitHashKey: explicitHashKey, value: value))
    }

    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        var definition = EgressDefinition(id: id, kind: .kinesis)
        definition.declaration = .kinesis(self)
        model.egresses.append(definition)
    }
}
