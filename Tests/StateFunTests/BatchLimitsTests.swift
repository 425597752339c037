import StateFun
import StateFunHTTP
import StateFunWire
import Testing
import StateFunProtocol

/// `BatchLimits`: a request over the invocation limit is refused before anything of it runs (413 over HTTP), an
/// answer over the size limit fails the batch; both are inclusive (exactly at the limit is served).
@Suite struct BatchLimitsTests {
    static let target = Address("test/echo", id: "a")

    /// Replies to every message with `size` bytes of text, or sends nothing when `size` is 0.
    static func app(answerBytes size: Int = 0) -> App {
        App {
            Function("test/echo") {
                Handle(String.self) { context, _ in
                    if size > 0 { try context.send(String(repeating: "x", count: size), to: Address("test/echo", id: "b")) }
                }
            }
        }
    }

    static func invocations(_ count: Int) -> [(Address?, TypedValue)] {
        Array(repeating: (nil, Requests.typed("hi")), count: count)
    }

    /// `ToFunction{invocation=100{target=1, invocations=3 × count}}` in the runtime's layout, each invocation
    /// `{argument=2: TypedValue{has_value=true}}` (eight bytes), built in place.
    static func emptyInvocations(_ count: Int) -> [UInt8] {
        var target = WireWriter()
        target.writeMessage(1) { Self.target.encode(to: &$0) }
        let invocation: [UInt8] = [0x1A, 0x06, 0x12, 0x04, 0x10, 0x01, 0x1A, 0x00]
        var head = WireWriter()
        head.writeKey(100, .lengthDelimited)
        head.writeVarint(UInt64(target.bytes.count + count * invocation.count))
        var body = head.bytes + target.bytes
        body.reserveCapacity(body.count + count * invocation.count)
        for _ in 0..<count { body.append(contentsOf: invocation) }
        return body
    }

    @Test func the32MiBRequestOf4MEmptyInvocationsIsAnswered413NamingTheLimit() async throws {
        // 4,194,296 invocations: as close to 32 MiB (the HTTP server's default maxBodyBytes) as eight-byte
        // invocations get.
        let body = Self.emptyInvocations((32 << 20) / 8 - 8)
        #expect(body.count <= 32 << 20 && body.count > (32 << 20) - 64)
        let answer = try await LoopbackServe.with(Self.app()) { try await $0.send(path: "/statefun", body: body) }
        #expect(answer.status == 413)
        let text = String(decoding: answer.body, as: UTF8.self)
        #expect(text.contains("more than 10000 invocations") && text.contains("BatchLimits.maxInvocations"), "\(text)")
    }

    @Test(arguments: [ProtocolVersion.v3, .v2])
    func aBatchExactlyAtTheInvocationLimitRunsOneMoreIsRefused(version: ProtocolVersion) async throws {
        let handler = RequestReplyHandler(
            app: Self.app(), protocolVersion: version, limits: BatchLimits(maxInvocations: 3))
        func request(_ count: Int) -> [UInt8] {
            switch version {
            case .v3: return Requests.v3(Self.target, Self.invocations(count))
            case .v2:
                let argument = AnyValue(typeURL: "type.googleapis.com/google.protobuf.StringValue", value: [0x0A, 0x01, 0x78])
                return ToFunctionV2(
                    invocation: .init(
                        target: Self.target, invocations: Array(repeating: .init(argument: argument), count: count))
                ).serialized()
            }
        }
        _ = try await handler.handle(request(3))
        await #expect(throws: StateFunError.tooManyInvocations(limit: 3)) { try await handler.handle(request(4)) }
    }

    @Test func aBatchInAnotherLayoutIsCountedBeforeItIsDecoded() async throws {
        let handler = RequestReplyHandler(app: Self.app(), limits: BatchLimits(maxInvocations: 3))
        // The target after the invocations: not the runtime's layout, so the model would decode it.
        var batch = WireWriter()
        for _ in 0..<4 { batch.writeMessage(3) { ToFunctionV3.Invocation(argument: Requests.typed("hi")).encode(to: &$0) } }
        batch.writeMessage(1) { Self.target.encode(to: &$0) }
        var request = WireWriter()
        request.writeBytes(100, batch.bytes)
        #expect(ReceivedBatch(usualLayout: request.bytes) == nil)
        await #expect(throws: StateFunError.tooManyInvocations(limit: 3)) { try await handler.handle(request.bytes) }
        #expect(throws: ReceivedBatch.Failure.tooManyInvocations(limit: 3)) {
            try ReceivedBatch(request.bytes, maxInvocations: 3)
        }
    }

    @Test func anAnswerExactlyAtTheSizeLimitIsSentOneByteMoreFailsTheBatch() async throws {
        let request = Requests.v3(Self.target, Self.invocations(4))
        let size = try await RequestReplyHandler(app: Self.app(answerBytes: 1000)).handle(request).count
        #expect(size > 4000)
        let exact = RequestReplyHandler(app: Self.app(answerBytes: 1000), limits: BatchLimits(maxResponseBytes: size))
        #expect(try await exact.handle(request).count == size)
        let under = RequestReplyHandler(app: Self.app(answerBytes: 1000), limits: BatchLimits(maxResponseBytes: size - 1))
        await #expect(throws: StateFunError.responseTooLarge(limit: size - 1)) { try await under.handle(request) }
    }

    @Test func aRunawayBatchFailsAsSoonAsItsEffectsPassTheLimit() async throws {
        // 1,000 invocations of 100 KB each would be 100 MB; the batch stops after the second one.
        let handler = RequestReplyHandler(
            app: Self.app(answerBytes: 100_000), limits: BatchLimits(maxResponseBytes: 150_000))
        let error = await #expect(throws: StateFunError.self) {
            try await handler.handle(Requests.v3(Self.target, Self.invocations(1000)))
        }
        #expect(error == .responseTooLarge(limit: 150_000))
        #expect(error?.description.contains("BatchLimits.maxResponseBytes") == true)
    }
}
