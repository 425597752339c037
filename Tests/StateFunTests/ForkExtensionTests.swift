import StateFun
import StateFunProtocol
import StateFunTesting
import StateFunWire
import Synchronization
import Testing

/// The maintained fork's protocol extensions (kzmlabs/flink-statefun): `TypedValue.metadata = 4` (repeated
/// `Metadata{key = 1, value = 2, has_value = 3}`) and `KafkaProducerRecord.headers = 4` (repeated
/// `Header{key = 1, value = 2, has_value = 3}`, `statefun-sdk-protos/src/main/protobuf/io/kafka-egress.proto`).
///
/// The vectors are written byte by byte from those field numbers (key byte = number << 3 | wire type), not made
/// by the SDK's encoder; both directions are checked against them. Without metadata or headers, the bytes stay
/// upstream's (the conformance vectors check that for every official case).
@Suite("The fork's metadata and Kafka headers")
struct ForkExtensionTests {
    // MARK: - Hand-made vectors

    /// `Metadata{key "k", value "v", has_value true}`: 0A 01 'k' · 12 01 'v' · 18 01.
    static let entryKV: [UInt8] = [0x0A, 0x01, 0x6B, 0x12, 0x01, 0x76, 0x18, 0x01]
    /// `Metadata{key "n"}`: has_value false, a null value: 0A 01 'n'.
    static let entryNull: [UInt8] = [0x0A, 0x01, 0x6E]
    /// `Metadata{key "e", has_value true}`: an empty, not null, value: 0A 01 'e' · 18 01.
    static let entryEmpty: [UInt8] = [0x0A, 0x01, 0x65, 0x18, 0x01]

    /// `TypedValue{typename "a/b", has_value true, value [7], metadata [kv, null, empty]}`: field 4 is 0x22.
    static let typedValue: [UInt8] =
        [0x0A, 0x03, 0x61, 0x2F, 0x62, 0x10, 0x01, 0x1A, 0x01, 0x07]
        + [0x22, 0x08] + entryKV + [0x22, 0x03] + entryNull + [0x22, 0x05] + entryEmpty

    /// `KafkaProducerRecord{key "k", value_bytes "v", topic "t", headers [{"h", [FF]}, {"h", null}]}`.
    static let kafkaRecord: [UInt8] =
        [0x0A, 0x01, 0x6B, 0x12, 0x01, 0x76, 0x1A, 0x01, 0x74]
        + [0x22, 0x08, 0x0A, 0x01, 0x68, 0x12, 0x01, 0xFF, 0x18, 0x01]
        + [0x22, 0x03, 0x0A, 0x01, 0x68]

    static let expectedEntries = [
        MetadataEntry(key: "k", utf8: "v"), MetadataEntry(key: "n", value: nil), MetadataEntry(key: "e", value: []),
    ]

    @Test func theModelDecodesAndEncodesTheForksTypedValueMetadata() throws {
        let decoded = try TypedValue(serialized: Self.typedValue)
        #expect(decoded.typename == "a/b" && decoded.hasValue && decoded.value == [7])
        #expect(decoded.metadata == [
            .init(key: "k", value: Array("v".utf8), hasValue: true), .init(key: "n"), .init(key: "e", hasValue: true),
        ])
        #expect(decoded.serialized() == Self.typedValue)
    }

    @Test func theModelDecodesAndEncodesTheForksKafkaHeaders() throws {
        let decoded = try KafkaProducerRecord(serialized: Self.kafkaRecord)
        #expect(decoded.key == "k" && decoded.valueBytes == Array("v".utf8) && decoded.topic == "t")
        #expect(decoded.headers == [.init(key: "h", value: [0xFF], hasValue: true), .init(key: "h")])
        #expect(decoded.serialized() == Self.kafkaRecord)
    }

    @Test func withoutMetadataOrHeadersTheModelWritesUpstreamsBytes() {
        #expect(TypedValue(typename: "a/b", hasValue: true, value: [7]).serialized()
            == [0x0A, 0x03, 0x61, 0x2F, 0x62, 0x10, 0x01, 0x1A, 0x01, 0x07])
        #expect(KafkaProducerRecord(key: "k", valueBytes: Array("v".utf8), topic: "t").serialized()
            == [0x0A, 0x01, 0x6B, 0x12, 0x01, 0x76, 0x1A, 0x01, 0x74])
    }

    @Test func unknownFieldsInsideEntriesAreStillSkipped() throws {
        // An entry with a field 9 the fork may add later (varint 0x48 01): skipped as today.
        let entry: [UInt8] = [0x0A, 0x01, 0x6B, 0x48, 0x01]
        let bytes: [UInt8] = [0x0A, 0x01, 0x78, 0x22, UInt8(entry.count)] + entry + [0x58, 0x02]
        let decoded = try TypedValue(serialized: bytes)
        #expect(decoded.metadata == [.init(key: "k")])
    }

    // MARK: - Reading: handlers see a message's metadata

    static let target: [UInt8] = [0x0A, 0x04] + Array("test".utf8) + [0x12, 0x02] + Array("fn".utf8) + [0x1A, 0x01, 0x31]

    /// `ToFunction{invocation = 100{target, invocations = 3{argument = 2: argument}}}`, lengths by hand.
    static func request(argument: [UInt8], state: [UInt8] = []) -> [UInt8] {
        let invocation = [0x12] + length(argument) + argument
        let batch = [0x0A] + length(target) + target + state + [0x1A] + length(invocation) + invocation
        return [0xA2, 0x06] + length(batch) + batch
    }

    /// A one-byte or two-byte varint length (the vectors here stay under 16 KiB).
    static func length(_ content: [UInt8]) -> [UInt8] {
        content.count < 0x80 ? [UInt8(content.count)] : [UInt8(content.count & 0x7F | 0x80), UInt8(content.count >> 7)]
    }

    @Test func theRequestReaderGivesHandlersTheMetadataInOrder() throws {
        let batch = try ReceivedBatch(Self.request(argument: Self.typedValue))
        let message = ReceivedInvocations(batch).message(0)
        #expect(message.typeName == "a/b" && message.bytes == [7])
        #expect(message.metadata == Self.expectedEntries)
        #expect(message.metadata[1].value == nil && message.metadata[2].value == [])
        // The one-pass reader took it (the layout protobuf-java writes), and agrees with the model.
        #expect(ReceivedBatch(usualLayout: Self.request(argument: Self.typedValue)) != nil)
    }

    @Test func aStateValueWithMetadataStillReadsAsItsValue() async throws {
        // PersistedValue{state_name "seen" = 1, state_value = 2: TypedValue{int 5 (IntWrapper{value = 1, fixed32}), metadata [kv]}}.
        let value: [UInt8] = [0x0A, 0x15] + Array("io.statefun.types/int".utf8) + [0x10, 0x01, 0x1A, 0x05, 0x0D, 0x05, 0, 0, 0]
            + [0x22, 0x08] + Self.entryKV
        let persisted: [UInt8] = [0x0A, 0x04] + Array("seen".utf8) + [0x12] + Self.length(value) + value
        let state = [0x12] + Self.length(persisted) + persisted
        let argument: [UInt8] = [0x0A, 0x18] + Array("io.statefun.types/string".utf8) + [0x10, 0x01, 0x1A, 0x04, 0x0A, 0x02, 0x68, 0x69]
        let seen = ValueSpec<Int32>("seen")
        let app = App {
            Function("test/fn") {
                seen
                Handle(String.self) { context, _ in
                    let current = try context.storage.get(seen) ?? 0
                    try context.storage.set(seen, current + 1)
                }
            }
        }
        let batch = try ReceivedBatch(Self.request(argument: argument, state: state))
        #expect(batch.states.first?.value?.bytes == [0x0D, 0x05, 0, 0, 0])
        let result = try Requests.result(try await app.requestReplyHandler().handle(Self.request(argument: argument, state: state)))
        #expect(result.stateMutations.first?.stateValue?.value == [0x0D, 0x06, 0, 0, 0], "Int32 is written fixed32")
    }

    @Test func metadataConveniencesReadUTF8AndTheLastEntryOfAKey() {
        let message = Message(
            typeName: "a/b", payload: [1], metadata: [
                MetadataEntry(key: "tenant", utf8: "one"), MetadataEntry(key: "bin", value: [0xC3, 0x28]),
                MetadataEntry(key: "tenant", utf8: "two"), MetadataEntry(key: "null", value: nil),
            ])
        #expect(message.metadataValue(forKey: "tenant") == "two")
        #expect(message.metadataValue(forKey: "bin") == nil, "not UTF-8")
        #expect(message.metadataValue(forKey: "null") == nil)
        #expect(message.metadataValue(forKey: "absent") == nil)
        #expect(Message(typeName: "a/b", bytes: [1]).metadata.isEmpty)
    }

    @Test(arguments: [
        ("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", true),
        ("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00-later", true),
        ("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra", false),
        ("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", false),
        ("00-00000000000000000000000000000000-b7ad6b7169203331-01", false),
        ("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", false),
        ("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", false),
        ("00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01", false),
        ("", false),
    ])
    func traceparentIsExposedOnlyWhenWellFormed(value: String, wellFormed: Bool) {
        let message = Message(typeName: "a/b", payload: nil, metadata: [.traceparent(value)])
        #expect(message.traceparent == (wellFormed ? value : nil))
    }

    // MARK: - Writing: sends with metadata, Kafka records with headers

    static let traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"

    static func respond(_ body: @escaping @Sendable (Context, Message) throws -> Void) async throws -> [UInt8] {
        let app = App {
            Function("test/fn") { Otherwise { context, message in try body(context, message) } }
        }
        return try await app.requestReplyHandler().handle(Self.request(argument: Self.typedValue))
    }

    /// `FromFunction{invocation_result = 100{content}}`.
    static func response(_ content: [UInt8]) -> [UInt8] { [0xA2, 0x06] + length(content) + content }

    @Test func aForwardedMessageKeepsItsMetadataByteForByte() async throws {
        let bytes = try await Self.respond { context, message in
            try context.send(message, to: Address("test/fn", id: "1"))
        }
        // InvocationResponse.outgoing_messages = 2: Invocation{target = 1, argument = 2: the TypedValue received}.
        let invocation = [0x0A] + Self.length(Self.target) + Self.target + [0x12] + Self.length(Self.typedValue) + Self.typedValue
        #expect(bytes == Self.response([0x12] + Self.length(invocation) + invocation))
    }

    @Test func aTypedSendCarriesTheMetadataGiven() async throws {
        let bytes = try await Self.respond { context, _ in
            try context.send(
                "hi", to: Address("test/fn", id: "1"), metadata: [.traceparent(Self.traceparent), MetadataEntry(key: "n", value: nil)])
        }
        let key = Array(MetadataEntry.traceparentKey.utf8)
        let entry: [UInt8] = [0x0A] + Self.length(key) + key + [0x12] + Self.length(Array(Self.traceparent.utf8))
            + Array(Self.traceparent.utf8) + [0x18, 0x01]
        // io.statefun.types/string's value: the StringWrapper {value = 1: "hi"}.
        let argument: [UInt8] = [0x0A, 0x18] + Array("io.statefun.types/string".utf8) + [0x10, 0x01, 0x1A, 0x04, 0x0A, 0x02, 0x68, 0x69]
            + [0x22] + Self.length(entry) + entry + [0x22, 0x03] + Self.entryNull
        let invocation = [0x0A] + Self.length(Self.target) + Self.target + [0x12] + Self.length(argument) + argument
        #expect(bytes == Self.response([0x12] + Self.length(invocation) + invocation))
    }

    @Test func emptyMetadataAndHeadersSendUpstreamsBytes() async throws {
        let kafka = KafkaEgress(id: "a/kafka", address: "k:9092")
        let plain = try await Self.respond { context, _ in
            try context.send("hi", to: Address("test/fn", id: "1"))
            try context.send(kafka.record(topic: "t", key: "k", value: "v"))
        }
        let empty = try await Self.respond { context, _ in
            try context.send("hi", to: Address("test/fn", id: "1"), metadata: [])
            try context.send(kafka.record(topic: "t", key: "k", value: "v", headers: []))
        }
        #expect(plain == empty)
    }

    @Test func aKafkaRecordCarriesItsHeadersByteForByte() async throws {
        let bytes = try await Self.respond { context, _ in
            let kafka = KafkaEgress(id: "a/kafka", address: "k:9092")
            try context.send(kafka.record(
                topic: "t", key: "k", value: .bytes(Array("v".utf8)),
                headers: [MetadataEntry(key: "h", value: [0xFF]), MetadataEntry(key: "h", value: nil)]))
        }
        let result = try Requests.result(bytes)
        #expect(result.outgoingEgresses.first?.argument?.value == Self.kafkaRecord)
    }

    @Test func theTwoXProtocolRefusesMetadataAndHeadersWithAClearError() async throws {
        let app = App {
            KafkaEgress(id: "a/kafka", address: "k:9092")
            Function("test/fn") {
                Handle(String.self) { context, command in
                    switch command {
                    case "send": try context.send("x", to: Address("test/fn", id: "1"), metadata: [.traceparent(Self.traceparent)])
                    default:
                        try context.send(KafkaEgress(id: "a/kafka", address: "k:9092").record(
                            topic: "t", value: "v", headers: [MetadataEntry(key: "h", utf8: "v")]))
                    }
                }
            }
        }
        let handler = app.requestReplyHandler(protocolVersion: .v2)
        for command in ["send", "kafka"] {
            // google.protobuf.StringValue{value = 1: command}, as the 2.x runtime packs a string.
            let argument = AnyValue(
                typeURL: "type.googleapis.com/google.protobuf.StringValue", value: [0x0A, UInt8(command.utf8.count)] + Array(command.utf8))
            let request = ToFunctionV2(
                invocation: .init(target: Address("test/fn", id: "1"), invocations: [.init(argument: argument)])
            ).serialized()
            do {
                _ = try await handler.handle(request)
                Issue.record("\(command) was accepted on 2.x")
            } catch {
                #expect(error.description.contains("3.x protocol"), "\(command): \(error)")
            }
        }
    }

    // MARK: - The local runtime carries metadata, as the fork's runtime does

    @Test func theLocalRuntimeCarriesMetadataFromSenderToReceiver() async throws {
        let received = Mutex<[Message]>([])
        let app = App {
            Function("test/sender") {
                Handle(String.self) { context, text in
                    try context.send(text, to: Address("test/receiver", id: "r"), metadata: [.traceparent(Self.traceparent)])
                }
            }
            Function("test/receiver") {
                Otherwise { context, message in
                    received.withLock { $0.append(message) }
                    // Forwarding keeps the entries (the fork's MessageBuilder.fromMessage keeps headers).
                    if context.caller?.typeName == "test/sender" {
                        try context.send(message.withMetadata(message.metadata + [MetadataEntry(key: "hop", utf8: "2")]),
                            to: Address("test/receiver", id: "again"))
                    }
                }
            }
        }
        let runtime = LocalRuntime(app: app, clock: ManualClock())
        try runtime.send("hello", to: Address("test/sender", id: "s"))
        await runtime.runUntilIdle()
        let messages = received.withLock { $0 }
        #expect(messages.count == 2)
        #expect(messages.first?.traceparent == Self.traceparent)
        #expect(messages.last?.metadata == [.traceparent(Self.traceparent), MetadataEntry(key: "hop", utf8: "2")])
        #expect(try messages.first?.decode(String.self) == "hello")
    }
}

/// The local runtime plays the fork's Kafka ingress and egress: headers become metadata on routes that forward
/// them, and Kafka records keep the headers a function wrote.
@Suite("The fork's headers in the local runtime")
struct ForkLocalRuntimeTests {
    static let out = KafkaEgress(id: "example/out", address: "kafka:9092")

    /// What each function instance received, by id.
    final class Received: Sendable {
        let byID = Mutex<[String: [MetadataEntry]]>([:])
        func add(_ id: String, _ entries: [MetadataEntry]) { byID.withLock { $0[id, default: []] += entries } }
        subscript(_ id: String) -> [MetadataEntry]? { byID.withLock { $0[id] } }
    }

    static func app(_ received: Received) -> App {
        App {
            KafkaIngress(id: "example/in", address: "kafka:9092", forwardHeaders: true) {
                KafkaTopic("forwarded", valueType: "example/Raw", targets: "example/echo")
                KafkaTopic("dropped", valueType: "example/Raw", targets: "example/echo", forwardHeaders: false)
            }
            out
            Function("example/echo") {
                Otherwise { context, message in
                    received.add(context.address.id, message.metadata)
                    try context.send(out.record(topic: "echo", value: .bytes([1]), headers: message.metadata))
                }
            }
        }
    }

    static let headers = [
        MetadataEntry.traceparent(ForkExtensionTests.traceparent), MetadataEntry(key: "null", value: nil),
        MetadataEntry(key: "k", utf8: "v"),
    ]

    @Test func headersReachTheFunctionOnlyOnRoutesThatForwardThem() async throws {
        let received = Received()
        let runtime = LocalRuntime(app: Self.app(received), clock: ManualClock())
        try runtime.ingest(topic: "forwarded", key: "a", value: [7], headers: Self.headers)
        try runtime.ingest(topic: "dropped", key: "b", value: [7], headers: Self.headers)
        await runtime.runUntilIdle()
        #expect(received["a"] == Self.headers)
        #expect(received["b"] == [])
        // The echo wrote the metadata as the Kafka record's headers; the capture decodes them. Instances "a" and
        // "b" run independently, so their records may be captured in either order: compared without it.
        let written: [[MetadataEntry]] = runtime.egressRecords(topic: "echo").map { $0.headers }
        #expect(written.sorted { $0.count > $1.count } == [Self.headers, []])
    }

    @Test func aMessageSentFromOutsideKeepsItsMetadata() async throws {
        let received = Received()
        let runtime = LocalRuntime(app: Self.app(received), clock: ManualClock())
        try runtime.send(Message(typeName: "example/Raw", payload: [1], metadata: Self.headers), to: Address("example/echo", id: "m"))
        await runtime.runUntilIdle()
        #expect(received["m"] == Self.headers)
    }

    @Test func theTwoXProtocolHasNoMetadataSoHeadersAreDropped() async throws {
        let received = Received()
        let app = App {
            KafkaIngress(id: "example/in", address: "kafka:9092", forwardHeaders: true) {
                KafkaTopic("forwarded", valueType: "example/Raw", targets: "example/echo")
            }
            Function("example/echo") {
                Otherwise { context, message in received.add(context.address.id, message.metadata) }
            }
        }
        let runtime = LocalRuntime(app: app, protocolVersion: .v2, clock: ManualClock())
        try runtime.ingest(topic: "forwarded", key: "a", value: [7], headers: Self.headers)
        await runtime.runUntilIdle()
        #expect(received["a"] == [])
    }
}

/// module.yaml's `forwardHeaders` (the fork's RoutableKafkaIngressSpec: a boolean at the ingress level, applying
/// to every topic, and per topic, overriding it either way; off by default).
@Suite("The fork's forwardHeaders in module.yaml")
struct ForkModuleYAMLTests {
    static let app = App {
        KafkaIngress(id: "example/orders", address: "kafka:9092", consumerGroupId: "orders", forwardHeaders: true) {
            KafkaTopic("orders", valueType: "example/Order", targets: "example/orders")
            KafkaTopic("audit", valueType: "example/Order", targets: "example/orders", forwardHeaders: false)
        }
        KafkaIngress(id: "example/plain", address: "kafka:9092") {
            KafkaTopic("plain", valueType: "example/Order", targets: "example/orders", forwardHeaders: true)
        }
        Function("example/orders") { Otherwise { _, _ in } }
    }

    @Test(arguments: [ModuleFormat.components, .v3_0, .v2_0])
    func forwardHeadersMatchesTheGoldenOfEachFormat(format: ModuleFormat) throws {
        try ModuleYAMLTests.golden("fork-forward-headers-\(format).yaml", Self.app.moduleYAML(format: format))
    }

    /// The two Kafka ingress specs of `format`'s YAML.
    static func ingressSpecs(_ format: ModuleFormat) throws -> [BlockYAML.Value] {
        let documents = try BlockYAML.documents(Self.app.moduleYAML(format: format))
        if format == .components {
            return documents.compactMap { $0["spec"] }.filter { $0["topics"] != nil }
        }
        guard case .list(let ingresses)? = documents.first?["module"]?["spec"]?["ingresses"] else { return [] }
        return ingresses.compactMap { $0["ingress"]?["spec"] }
    }

    static func topicSettings(_ spec: BlockYAML.Value?) -> [BlockYAML.Value?] {
        guard case .list(let topics)? = spec?["topics"] else { return [] }
        return topics.map { $0["forwardHeaders"] }
    }

    @Test func theFormatsTheForkReadsCarryTheKeyWhereItsSpecReadsIt() throws {
        for format in [ModuleFormat.components, .v3_0] {
            let specs = try Self.ingressSpecs(format)
            #expect(specs.count == 2, "\(format)")
            #expect(specs.first?["forwardHeaders"] == .bool(true), "\(format)")
            #expect(specs.last?["forwardHeaders"] == nil, "left out when not set: the fork's default (off) applies")
            #expect(Self.topicSettings(specs.first) == [nil, .bool(false)], "\(format)")
            #expect(Self.topicSettings(specs.last) == [.bool(true)], "\(format)")
            #expect(Self.app.moduleYAMLDiagnostics(format: format).isEmpty)
        }
    }

    @Test func theTwoXFormatsLeaveItOutWithAWarningAndANote() throws {
        for format in [ModuleFormat.v2_0, .v1_0] {
            let yaml = Self.app.moduleYAML(format: format)
            #expect(!yaml.contains("forwardHeaders:"), "\(format)")
            #expect(yaml.contains("# Note: kafka ingress example/orders sets forwardHeaders"), "\(format)")
            let diagnostics = Self.app.moduleYAMLDiagnostics(format: format)
            #expect(diagnostics.map(\.code) == ["format-drops-setting", "format-drops-setting"])
            #expect(diagnostics.map(\.declaration) == ["kafka ingress example/orders", "kafka ingress example/plain"])
            #expect(diagnostics.allSatisfy { $0.severity == .warning })
        }
    }
}

