import StateFunHTTP
import Testing

/// The request grammar of RFC 9112 and RFC 9110, one test per rule, named after its section.
@Suite("Request grammar (RFC 9112)")
struct HTTPParserGrammarTests {
    private func status(of request: String) -> Int? {
        let (requests, error) = parseAll(Array(request.utf8))
        if let error { return error.status }
        return requests.isEmpty ? nil : 200
    }

    private func get(version: String) -> String { "GET / \(version)\r\nHost: x\r\n\r\n" }

    @Test("RFC 9112 §2.3: only HTTP/DIGIT.DIGIT is a version; anything else is a 400", arguments: [
        "HTTP/1", "HTTP/1.10", "HTTP/11.1", "HTTP/1.", "HTTP/.1", "HTTP/", "HTTP/1.1.1", "HTTP/a.b", "HTTP/1,1",
        "http/1.1", "Http/1.1", "HTTP/1.1 ", "HTTP/ 1.1", "HTTP1.1", "HTTP/01.1", "HTTP/1.01", "HTTP/10",
        "HTTP/1.x", "HTTP/\u{661}.1",
    ])
    func rfc9112Section2_3_malformedVersionIs400(_ version: String) {
        #expect(status(of: get(version: version)) == 400, "\(version.debugDescription)")
    }

    @Test("RFC 9112 §2.3: a well-formed version other than 1.x is a 505", arguments: [
        "HTTP/2.0", "HTTP/0.9", "HTTP/3.0", "HTTP/9.9",
    ])
    func rfc9112Section2_3_wellFormedOtherMajorIs505(_ version: String) {
        #expect(status(of: get(version: version)) == 505)
    }

    @Test("RFC 9112 §2.3: any HTTP/1.x is served, as the highest 1.x the server speaks")
    func rfc9112Section2_3_anyMinorOfOneIsServed() throws {
        for minor in 0...9 {
            let (requests, error) = parseAll(Array(get(version: "HTTP/1.\(minor)").utf8))
            #expect(error == nil)
            let request = try #require(requests.first)
            #expect(request.version == HTTPVersion(major: 1, minor: minor))
        }
    }

    @Test("RFC 9112 §3.2: a Host that is not uri-host [ \":\" port ] is a 400", arguments: [
        "a b/c@d", "a b", "a/b", "user@host", "host:port", "host:8000x", "host:80:80", "[::1", "::1", "[]",
        "[::1]x", "[::1]:8o", "ex%ample.com", "ex%4", "ex%zzample", "a\"b", "a<b>", "a{b}", "a|b", "a\\b",
        "a^b", "a`b", "host\u{e9}",
    ])
    func rfc9112Section3_2_invalidHostIs400(_ host: String) {
        #expect(status(of: "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n") == 400, "\(host.debugDescription)")
    }

    @Test("RFC 9112 §3.2: valid Host values are accepted", arguments: [
        "example.com", "example.com:8000", "127.0.0.1:80", "[::1]", "[::1]:8000", "[v1.fe80::a+en1]", "localhost",
        "my_host-1.example~", "ex%41mple.com", "a!$&'()*+,;=b", "host:", "",
    ])
    func rfc9112Section3_2_validHostIsAccepted(_ host: String) {
        #expect(status(of: "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n") == 200, "\(host.debugDescription)")
    }

    @Test("RFC 9112 §3.2: more than one Host field is a 400")
    func rfc9112Section3_2_repeatedHostIs400() {
        #expect(status(of: "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n") == 400)
    }

    private func chunked(_ sizeLine: String) -> String {
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(sizeLine)\r\nabc\r\n0\r\n\r\n"
    }

    @Test("RFC 9112 §7.1.1: chunk extensions outside the grammar are a 400", arguments: [
        "3;", "3;a b=c@", "3; ", "3;a b", "3;=b", "3;a=", "3;a= ", "3;a=b c", "3;a=b@", "3;a@", "3;;a", "3;a;",
        "3 ", "3\t", "3 x", "3;a=\"unterminated", "3;a=\"x\"y", "3;a=\"x\\\u{1}\"", "3;a=\"\u{7f}\"", "3;a=b,c",
        "3;a=\"x\" \"y\"", "3,a", "3;a=b;",
    ])
    func rfc9112Section7_1_1_malformedChunkExtensionIs400(_ sizeLine: String) {
        #expect(status(of: chunked(sizeLine)) == 400, "\(sizeLine.debugDescription)")
    }

    @Test("RFC 9112 §7.1.1: chunk extensions within the grammar are accepted and ignored", arguments: [
        "3;a", "3;a=b", "3 ;a", "3; a", "3;a =b", "3;a= b", "3 ; a = b", "3;a=b;c;d=e", "3;a=\"\"",
        "3;a=\"x y;z=\\\"q\\\"\"", "3;a=\"tab\there\"", "3;name=!#$%&'*+-.^_`|~", "3\t;\ta\t=\tb",
    ])
    func rfc9112Section7_1_1_wellFormedChunkExtensionIsAccepted(_ sizeLine: String) throws {
        let (requests, error) = parseAll(Array(chunked(sizeLine).utf8))
        #expect(error == nil, "\(sizeLine.debugDescription)")
        let request = try #require(requests.first)
        #expect(request.body == Array("abc".utf8))
    }
}
