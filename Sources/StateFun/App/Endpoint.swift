/// An HTTP endpoint: where the runtime reaches a set of functions, and how (`io.statefun.endpoints.v2/http`
/// in module.yaml; each function's `endpoint` in the 2.x formats).
///
/// ```swift
/// Endpoint(functions: "example/*", urlPathTemplate: "http://greeter:8000/statefun",
///          timeouts: .init(call: .seconds(120)), maxNumBatchRequests: 500)
/// ```
///
/// `functions` is `namespace/name` for one function or `namespace/*` for every function of a namespace
/// (``TypeNamePattern``); a function covered by both a specific and a namespace endpoint uses the specific one
/// (as the runtime does). `urlPathTemplate` may contain `{function.name}`, replaced by the name part of the function's typename.
/// A function no endpoint covers is served at ``defaultURL`` in module.yaml (``App/validate()`` warns when
/// the app declares no endpoint at all, and reports an error when endpoints exist but miss a function).
public struct Endpoint: PrimitiveAppComponent {
    /// The URL module.yaml uses for functions no declared endpoint covers.
    public static let defaultURL = "http://localhost:8000/statefun"

    /// The runtime's HTTP timeouts; `nil` leaves the runtime's default (`protocol.md` §4: call 1 min, connect,
    /// read and write 10 s each with OkHttp). None may be zero, and connect, read and write may not exceed call
    /// (the runtime refuses to load such a module).
    public struct Timeouts: Sendable, Hashable {
        /// The whole budget of one call, retries included (`call`; 2.x `timeout`).
        public var call: Duration?
        /// Connecting (`connect`; 2.2 `connectTimeout`).
        public var connect: Duration?
        /// Between two reads of the response (`read`; 2.2 `readTimeout`; OkHttp only).
        public var read: Duration?
        /// Between two writes of the request (`write`; 2.2 `writeTimeout`; OkHttp only).
        public var write: Duration?

        /// Sets the given timeouts; the others keep the runtime's defaults.
        public init(call: Duration? = nil, connect: Duration? = nil, read: Duration? = nil, write: Duration? = nil) {
            self.call = call
            self.connect = connect
            self.read = read
            self.write = write
        }

        /// True when no timeout is set.
        public var isEmpty: Bool { call == nil && connect == nil && read == nil && write == nil }
    }

    /// The options of the runtime's asynchronous (Netty) transport, 3.1+ (`protocol.md` §5.4). `nil` keeps the
    /// runtime's default.
    public struct AsyncTransport: Sendable, Hashable {
        /// How long an idle pooled connection lives (`pool_ttl`, default 15 s).
        public var poolTTL: Duration?
        /// The most connections per endpoint (`pool_size`, default 1024).
        public var poolSize: Int?
        /// The largest request or response in bytes (`payload_max_bytes`, default 32 MiB).
        public var payloadMaxBytes: Int?
        /// CA certificates to trust, `classpath:` or a file path (`trust_cacerts`, 3.3+).
        public var trustCACerts: String?
        /// The client certificate for mutual TLS (`client_cert`, 3.3+; needs ``clientKey``).
        public var clientCert: String?
        /// The client key for mutual TLS (`client_key`, 3.3+; needs ``clientCert``).
        public var clientKey: String?
        /// The password of ``clientKey`` (`client_key_password`, 3.3+).
        public var clientKeyPassword: String?

        /// Sets the given options.
        public init(
            poolTTL: Duration? = nil, poolSize: Int? = nil, payloadMaxBytes: Int? = nil, trustCACerts: String? = nil,
            clientCert: String? = nil, clientKey: String? = nil, clientKeyPassword: String? = nil
        ) {
            self.poolTTL = poolTTL
            self.poolSize = poolSize
            self.payloadMaxBytes = payloadMaxBytes
            self.trustCACerts = trustCACerts
            self.clientCert = clientCert
            self.clientKey = clientKey
            self.clientKeyPassword = clientKeyPassword
        }
    }

    /// The HTTP client the runtime uses for this endpoint (`transport.type`).
    ///
    /// The default is ``okhttp``, written explicitly, so a module behaves the same on every 3.x runtime: 3.1
    /// defaults to OkHttp and 3.2+ to the asynchronous transport (`protocol.md` §9.5). They differ in retries:
    /// OkHttp fails fast on most 4xx answers, the asynchronous transport retries every failure until the call
    /// timeout is spent. OkHttp is also the only one that reaches `http+unix://` URLs.
    public enum Transport: Sendable, Hashable {
        /// `io.statefun.transports.v1/okhttp`: all four ``Timeouts`` apply.
        case okhttp
        /// `io.statefun.transports.v1/async` (3.1+): only the call and connect ``Timeouts`` apply.
        case async(AsyncTransport = AsyncTransport())
    }

    let definition: EndpointDefinition

    /// Declares an endpoint; the arguments are the keys of module.yaml's `io.statefun.endpoints.v2/http` spec.
    ///
    /// - Parameters:
    ///   - functions: the functions served, `namespace/name` or `namespace/*` (`functions`).
    ///   - urlPathTemplate: `http://`, `https://`, `http+unix://` or `https+unix://` URL, optionally with
    ///     `{function.name}` (`urlPathTemplate`).
    ///   - timeouts: the runtime's HTTP timeouts; unset ones keep the runtime's defaults (`timeouts`).
    ///   - maxNumBatchRequests: how many messages for one address the runtime queues while a call to it is in
    ///     flight before it applies back-pressure (`maxNumBatchRequests`, default 1000).
    ///   - transport: the runtime's HTTP client (`transport`).
    public init(
        functions: TypeNamePattern, urlPathTemplate: String, timeouts: Timeouts = Timeouts(),
        maxNumBatchRequests: Int = 1000, transport: Transport = .okhttp
    ) {
        var definition = EndpointDefinition(
            functions: functions.text, urlPathTemplate: urlPathTemplate, maxNumBatchRequests: maxNumBatchRequests)
        definition.timeouts = timeouts
        definition.transport = transport
        self.definition = definition
    }

    /// Declares an endpoint (the earlier spelling: `url` is module.yaml's `urlPathTemplate`, `maxBatchSize` its
    /// `maxNumBatchRequests`).
    @available(*, deprecated, renamed: "init(functions:urlPathTemplate:timeouts:maxNumBatchRequests:transport:)")
    public init(
        functions: String, url: String, timeouts: Timeouts = Timeouts(), maxBatchSize: Int = 1000,
        transport: Transport = .okhttp
    ) {
        self.init(
            functions: TypeNamePattern(functions), urlPathTemplate: url, timeouts: timeouts,
            maxNumBatchRequests: maxBatchSize, transport: transport)
    }

    /// An endpoint declares nothing else.
    public var body: [any AppComponent] { [] }

    package func contribute(to model: inout AppModel) {
        model.endpoints.append(definition)
    }
}
