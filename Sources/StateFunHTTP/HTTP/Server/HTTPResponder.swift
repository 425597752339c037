/// The application's side of the server: turns one complete request into a response.
///
/// It runs on Swift's cooperative pool, never on an event-loop thread, and may suspend as
/// long as it needs: the server does not time responders out (the StateFun runtime has its
/// own call timeout and retries). Requests on one connection are handed over one at a
/// time, in order; requests on different connections run concurrently.
public typealias HTTPResponder = @Sendable (HTTPRequest) async -> HTTPResponse
