import StateFunHTTP
import Testing

@Suite("Headers and response helpers")
struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitiveAndKeepsOrderAndDuplicates() {
        var headers: HTTPHeaders = ["Content-Type": "application/octet-stream"]
        headers.add(name: "X-A", value: "1")
        headers.add(name: "x-a", value: "2")
        #expect(headers["content-type"] == "application/octet-stream")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers.replaceOrAdd(name: "X-A", value: "3")
        #expect(headers.values(for: "x-a") == ["3"])
        headers.remove(name: "CONTENT-TYPE")
        #expect(headers.map(\.name) == ["X-A"])
    }

    @Test func connectionTokensAreFoundInCommaSeparatedLists() {
        let headers: HTTPHeaders = ["Connection": "Upgrade,  Keep-Alive "]
        #expect(headers.containsToken("keep-alive", in: "connection"))
        #expect(!headers.containsToken("close", in: "Connection"))
    }

    @Test func notFoundAndMethodNotAllowedHelpersSayWhatIsWrong() {
        let notFound = HTTPResponse.notFound("no function example/greeter")
        #expect(notFound.status == 404)
        #expect(notFound.headers["Content-Type"] == "text/plain; charset=utf-8")
        let notAllowed = HTTPResponse.methodNotAllowed(allowedMethods: ["POST"])
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers["Allow"] == "POST")
    }

    @Test func methodNotAllowedIsSentWithItsAllowHeader() async throws {
        try await TestServer.with(responder: { request in
            request.method == "POST" ? HTTPResponse(status: 200) : .methodNotAllowed(allowedMethods: ["POST"])
        }) { server in
            let response = try await server.client().send(method: "GET", path: "/statefun")
            #expect(response.status == 405)
            #expect(response.headers["Allow"] == "POST")
        }
    }
}
