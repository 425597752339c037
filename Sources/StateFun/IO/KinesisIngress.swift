/// A Kinesis ingress: records of its streams become messages for functions (`io.statefun.kinesis.v1/ingress`;
/// `statefun.kinesis.io/routable-protobuf-ingress` on 2.x).
///
/// ```swift
/// KinesisIngress(id: "example/names", region: .specific("us-east-1"), startupPosition: .earliest) {
///     KinesisStream("names", valueType: GreetRequest.self, targets: "example/greeter")
/// }
/// ```
public struct KinesisIngress: PrimitiveAppComponent {
    /// Where the ingress starts reading when the job starts without a savepoint (`startupPosition`).
    public enum StartupPosition: Sendable, Hashable {
        /// The oldest records still in the stream.
        case earliest
        /// New records only (the runtime's default).
        case latest
        /// The first records at or after a date, written `yyyy-MM-dd HH:mm:ss.SSS Z`
        /// (e.g. `2020-02-01 04:15:00.000 +0000`).
        case date(String)
    }

    /// The ingress id.
    public let id: TypeName
    let region: AWSRegion
    let credentials: AWSCredentials
    let startupPosition: StartupPosition?
    let clientProperties: [(key: String, value: String)]
    /// The routed streams.
    public let streams: [KinesisStream]

    /// Declares a Kinesis ingress reading `streams`.
    ///
    /// - Parameters:
    ///   - id: the ingress id.
    ///   - region: the AWS region of the streams.
    ///   - credentials: how the consumer authenticates with AWS.
    ///   - startupPosition: where the ingress starts without a savepoint (`nil`: the runtime's default).
    ///   - clientProperties: extra Kinesis consumer properties, in order (`clientConfigProperties`).
    ///   - streams: the routed streams.
    public init(
        id: TypeName,
        region: AWSRegion = .default,
        credentials: AWSCredentials = .default,
        startupPosition: StartupPosition? = nil,
        clientProperties: ClientProperties = [:],
        @DeclarationBuilder<KinesisStream> streams: () -> [KinesisStream]
    ) {
        self.id = id
        self.region = region
        self.credentials = credentials
        self.startupPosition = startupPosition
        self.clientProperties = clientProperties.pairs
        self.streams = streams()
    }

    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        let routes = streams.map {
            IngressRoute(ingress: id, kind: .kinesis, topic: $0.stream, valueType: $0.valueType, targets: $0.targets)
        }
        var definition = IngressDefinition(id: id, kind: .kinesis, routes: routes)
        definition.declaration = .kinesis(self)
        model.ingresses.append(definition)
    }
}
