import StateFunHTTP
import Testing

@Suite("Endpoint URLs")
struct HTTPEndpointTests {
    @Test func parsesTCPEndpoints() throws {
        let v4 = try #require(HTTPEndpoint(url: "http://127.0.0.1:8000/statefun"))
        #expect(v4.address == .ipv4(host: "127.0.0.1", port: 8000))
        #expect(v4.path == "/statefun")
        let v6 = try #require(HTTPEndpoint(url: "http://[::1]:9000"))
        #expect(v6.address == .ipv6(host: "::1", port: 9000))
        #expect(v6.path == "/")
        let local = try #require(HTTPEndpoint(url: "http://localhost/fns/greeter"))
        #expect(local.address == .ipv4(host: "127.0.0.1", port: 80))
        #expect(local.path == "/fns/greeter")
    }

    @Test func splitsUnixEndpointsAtTheSocketFile() throws {
        let endpoint = try #require(HTTPEndpoint(url: "http+unix:///run/fns/functions.sock/statefun"))
        #expect(endpoint.address == .unix(path: "/run/fns/functions.sock"))
        #expect(endpoint.path == "/statefun")
        #expect(endpoint.description == "http+unix:///run/fns/functions.sock/statefun")
    }

    @Test func rejectsWhatCannotBeReachedWithoutDNS() {
        #expect(HTTPEndpoint(url: "https://127.0.0.1/x") == nil)
        #expect(HTTPEndpoint(url: "http://functions.example.com/x") == nil)
        #expect(HTTPEndpoint(url: "http://127.0.0.1:99999/x") == nil)
        #expect(HTTPEndpoint(url: "http+unix:///no/socket/here") == nil)
    }
}
