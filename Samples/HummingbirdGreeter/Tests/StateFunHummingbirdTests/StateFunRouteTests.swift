import GreeterApp
import Hummingbird
import HummingbirdTesting
import StateFun
import StateFunHummingbird
import Testing

@Suite struct StateFunRouteTests {
    static func application(maxRequestBytes: Int = StateFunRoute.defaultMaxRequestBytes) -> some ApplicationProtocol {
        let router = Router()
        router.addStateFun(StateFunRoute(handler: Greeter.app.requestReplyHandler(), maxRequestBytes: maxRequestBytes))
        return Application(router: router)
    }

    @Test func aCallIsAnsweredWithTheHandlersReplyAsOctetStream() async throws {
        let request = GreeterCalls.request(id: "Jerry", names: ["Jerry", "Jerry"], seenCount: .some(SeenCount(seen: 2)))
        let direct = try await Greeter.app.requestReplyHandler().handle(request)
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/statefun", method: .post, body: ByteBuffer(bytes: request)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/octet-stream")
                let body = Array(response.body.readableBytesView)
                #expect(body == direct, "the route adds nothing and drops nothing")
                let reply = try GreeterCalls.reply(body)
                #expect(reply.seenCount == SeenCount(seen: 4))
                #expect(
                    reply.greetings.map(\.greeting) == [
                        "Third time is a charm Jerry", "Nice to see you at the 4-nth time Jerry!",
                    ])
            }
        }
    }

    @Test func aRuntimeThatDoesNotKnowTheStateIsToldToRegisterIt() async throws {
        let request = GreeterCalls.request(id: "Elaine", names: ["Elaine"], seenCount: nil)
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/statefun", method: .post, body: ByteBuffer(bytes: request)) { response in
                #expect(response.status == .ok)
                let reply = try GreeterCalls.reply(Array(response.body.readableBytesView))
                #expect(reply.missingStates == ["seen_count"])
            }
        }
    }

    @Test func aBodyThatIsNoRequestIs400() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/statefun", method: .post, body: ByteBuffer(bytes: [0xff, 0xff])) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func anUnknownFunctionIs404() async throws {
        var renamed = GreeterCalls.request(id: "Kramer", names: ["Kramer"])
        // Rename the target type "greeter" (field 2 of the address) to "greetor": same length, other function.
        let greeter = Array("greeter".utf8)
        let start = try #require(renamed.indices.first { renamed[$0...].starts(with: greeter) })
        renamed[start + 5] = UInt8(ascii: "o")
        let request = renamed
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/statefun", method: .post, body: ByteBuffer(bytes: request)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let request = GreeterCalls.request(id: "Newman", names: Array(repeating: "Newman", count: 20))
        try await Self.application(maxRequestBytes: 64).test(.router) { client in
            try await client.execute(uri: "/statefun", method: .post, body: ByteBuffer(bytes: request)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func onlyPostIsRouted() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/statefun", method: .get) { response in
                #expect(response.status != .ok)
            }
        }
    }
}
