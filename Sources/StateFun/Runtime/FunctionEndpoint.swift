/// Where the local runtime reaches functions over HTTP, like an `io.statefun.endpoints.v2/http` entry of a
/// module.yaml: which functions, at which URL, and how it batches and retries calls to them.
///
/// ```swift
/// let runtime = LocalRuntime(app: app, remoteEndpoints: [
///     FunctionEndpoint(functions: "example/*", urlPathTemplate: "http://127.0.0.1:8000/statefun"),
/// ])
/// ```
public struct FunctionEndpoint: Sendable, Hashable {
    /// `namespace/name` for one function type, or `namespace/*` for every function of the namespace (module.yaml's
    /// `functions`, the text of the ``TypeNamePattern`` it was declared with).
    public var functions: String
    /// module.yaml's `urlPathTemplate`: `http://host[:port]/path` (host: a numeric IPv4 or IPv6 address or `localhost`) or
    /// `http+unix:///path/to/socket.sock/http/path`; `{function.name}` is replaced by the name part of the
    /// function's typename (`UrlPathTemplate`).
    public var url: String
    /// The most messages the runtime sends in one batch (`maxNumBatchRequests`, default 1000; 0 or less means no
    /// limit); further messages wait for the next batch.
    public var maxNumBatchRequests: Int
    /// How long the runtime keeps retrying a failing call, counted from its first attempt on the runtime's clock
    /// (the `call` timeout, default 1 minute).
    public var callTimeout: Duration
    /// 2.x protocol only: the states the runtime sends with every call, as module.yaml lists them under the
    /// function (3.x functions declare their states themselves).
    public var states: [StateDeclaration]

    /// One state of a 2.x function as module.yaml lists it.
    public struct StateDeclaration: Sendable, Hashable {
        /// The state's name.
        public var name: String
        /// Its expiration (module.yaml `expireAfter` and `expireMode`).
        public var expiration: Expiration

        /// Declares a state.
        public init(_ name: String, expiration: Expiration = .none) {
            self.name = name
            self.expiration = expiration
        }
    }

    /// Declares an endpoint; the arguments are named as the keys of module.yaml's `io.statefun.endpoints.v2/http`
    /// spec (and its function's `states` on 2.x), like ``Endpoint``'s.
    ///
    /// - Parameters:
    ///   - functions: the functions served, `namespace/name` or `namespace/*` (`functions`).
    ///   - urlPathTemplate: where they are served, see ``url`` (`urlPathTemplate`).
    ///   - maxNumBatchRequests: the most messages in one batch (`maxNumBatchRequests`).
    ///   - callTimeout: how long a failing call is retried (`timeouts.call`).
    ///   - states: 2.x only, the states sent with every call (the function's `states`).
    public init(
        functions: TypeNamePattern, urlPathTemplate: String, maxNumBatchRequests: Int = 1000,
        callTimeout: Duration = .seconds(60), states: [StateDeclaration] = []
    ) {
        self.functions = functions.text
        self.url = urlPathTemplate
        self.maxNumBatchRequests = maxNumBatchRequests
        self.callTimeout = callTimeout
        self.states = states
    }

    /// Declares an endpoint (the earlier spelling: `functions` as a plain string, `url` for module.yaml's
    /// `urlPathTemplate`).
    @available(*, deprecated, renamed: "init(functions:urlPathTemplate:maxNumBatchRequests:callTimeout:states:)")
    public init(
        functions: String, url: String, maxNumBatchRequests: Int = 1000, callTimeout: Duration = .seconds(60),
        states: [StateDeclaration] = []
    ) {
        self.init(
            functions: TypeNamePattern(functions), urlPathTemplate: url, maxNumBatchRequests: maxNumBatchRequests,
            callTimeout: callTimeout, states: states)
    }

    /// Whether this endpoint serves `function` (`ns/*` covers every function of the namespace).
    public func covers(_ function: TypeName) -> Bool {
        if functions.hasSuffix("/*") { return String(functions.dropLast(2)) == function.namespace }
        return functions == function.description
    }

    /// The URL the runtime posts to for `function`.
    public func url(for function: TypeName) -> String {
        url.replacingAll("{function.name}", with: function.name)
    }
}

extension String {
    /// This string with every occurrence of `target` replaced (FoundationEssentials-free).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
