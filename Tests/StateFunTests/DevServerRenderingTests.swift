import StateFun
import Synchronization
import Testing

/// How the development server shows values, keeps its egress log bounded, parses requests, and offers `dev`.
@Suite struct DevServerRenderingTests {
    typealias Fixture = DevServerFixture

    static let renderer = DevValueRenderer(messageTypes: [Fixture.Visit.self, Fixture.Welcome.self])

    @Test func printableUTF8IsText() {
        #expect(Self.renderer.render(bytes: Array("Hello ann\n".utf8)) == .object(["text": .string("Hello ann\n")]))
        #expect(Self.renderer.render(bytes: []) == .object(["text": .string("")]))
        #expect(Self.renderer.render(bytes: Array("{\"a\": 1}".utf8)) == .object(["text": .string("{\"a\": 1}")]))
    }

    @Test func untypedBytesTakeTheFirstDeclaredTypeThatReencodesThemExactly() {
        let welcome = Fixture.Welcome(name: "ann", greeting: "Welcome ann", count: 1).serialize()
        #expect(
            Self.renderer.render(bytes: welcome) == .object([
                "type": .string("devtest/Welcome"),
                "value": .object(["name": .string("ann"), "greeting": .string("Welcome ann"), "count": .int(1)]),
            ]), "Visit decodes these bytes too (field 1), but loses fields: it does not re-encode them exactly")
        let visit = Fixture.Visit(name: "bob").serialize()
        #expect(
            Self.renderer.render(bytes: visit) == .object([
                "type": .string("devtest/Visit"), "value": .object(["name": .string("bob")]),
            ]))
    }

    @Test func undeclaredProtobufIsShownByFieldNumber() {
        let bytes = Fixture.Unlisted(code: 7, label: "x").serialize()
        #expect(
            Self.renderer.render(bytes: bytes) == .object([
                "protobuf": .object(["1": .uint(7), "2": .string("x")])
            ]))
        let nested = DevValueRenderer.protobufFields([0x0A, 0x02, 0x08, 0x05, 0x10, 0x01, 0x10, 0x02], depth: 0)
        #expect(nested == .object(["1": .object(["1": .uint(5)]), "2": .array([.uint(1), .uint(2)])]))
    }

    @Test func otherBytesAreBase64() {
        #expect(Self.renderer.render(bytes: [0xFF, 0x00, 0xFE]) == .object(["base64": .string("/wD+")]))
        #expect(Self.renderer.render(bytes: [0x0A, 0x05, 0x01]) == .object(["base64": .string("CgUB")]),
            "a truncated field is no protobuf")
    }

    @Test func typedValuesDecodeByTypename() throws {
        #expect(
            Self.renderer.render(typeName: "io.statefun.types/int", bytes: Int32(42).serialize())
                == .object(["type": .string("io.statefun.types/int"), "value": .int(42)]))
        #expect(
            Self.renderer.render(typeName: "io.statefun.types/string", bytes: "hi".serialize())
                == .object(["type": .string("io.statefun.types/string"), "value": .string("hi")]))
        #expect(
            Self.renderer.render(typeName: "io.statefun.types/double", bytes: 2.5.serialize())
                == .object(["type": .string("io.statefun.types/double"), "value": .double(2.5)]))
        #expect(
            Self.renderer.render(typeName: "devtest/Visit", bytes: Fixture.Visit(name: "ann").serialize())
                == .object(["type": .string("devtest/Visit"), "value": .object(["name": .string("ann")])]))
        #expect(
            Self.renderer.render(typeName: "other/Unknown", bytes: [0xFF])
                == .object(["type": .string("other/Unknown"), "base64": .string("/w==")]),
            "an unknown typename keeps the typename and shows the bytes")
        #expect(
            Self.renderer.render(typeName: "devtest/Visit", bytes: nil)
                == .object(["type": .string("devtest/Visit"), "value": .null]))
    }

    @Test func reflectionShowsNestedValues() {
        struct Inner: Sendable { var flag = true }
        struct Outer: Sendable {
            var inner = Inner()
            var tags = ["a", "b"]
            var missing: String? = nil
            var score: Float = 1.5
            var raw: [UInt8] = [1, 2]
        }
        #expect(
            DevValueRenderer.reflect(Outer(), depth: 0) == .object([
                "inner": .object(["flag": .bool(true)]), "tags": .array([.string("a"), .string("b")]),
                "missing": .null, "score": .double(1.5), "raw": .string("AQI="),
            ]))
    }

    @Test func jsonEscapesAndLaysOut() {
        let value = DevJSON.object(["a\"b": .array([.string("line\nbreak\u{1}"), .double(.nan), .double(3)]), "e": .object([])])
        #expect(value.compact() == #"{"a\"b":["line\nbreak\u0001","nan",3],"e":{}}"#)
        #expect(value.pretty() == "{\n  \"a\\\"b\": [\n    \"line\\nbreak\\u0001\",\n    \"nan\",\n    3\n  ],\n  \"e\": {}\n}\n")
    }

    @Test func egressLogKeepsTheNewestRecordsAndCountsTheDropped() {
        let log = DevLog<CapturedEgressRecord>(limit: 3)
        for index in 0..<10 {
            log.append(
                CapturedEgressRecord(
                    egress: "x/y", payload: .kafka(topic: index % 2 == 0 ? "even" : "odd", key: "\(index)", value: []),
                    source: Address("x/f", id: "1"), time: .zero))
        }
        #expect(log.entries().map(\.element.key) == ["7", "8", "9"])
        #expect(log.entries { $0.topic == "even" }.map(\.element.key) == ["8"])
        #expect(log.entries(since: 9).map(\.sequence) == [9, 10])
        #expect(log.droppedCount == 7)
        #expect(log.nextSequence == 11)
    }

    static func record(key: String, valueBytes: Int) -> CapturedEgressRecord {
        CapturedEgressRecord(
            egress: "x/y", payload: .kafka(topic: "t", key: key, value: [UInt8](repeating: 7, count: valueBytes)),
            source: Address("x/f", id: "1"), time: .zero)
    }

    @Test func aThirtyMebibyteRecordIsEvictedOnceNewerOnesPassTheByteBudget() {
        let budget = DevServerConfiguration.defaultMaxEgressRecordBytes
        let log = DevLog<CapturedEgressRecord>(limit: 10_000, byteLimit: budget, cost: DevRetention.cost)
        log.append(Self.record(key: "big", valueBytes: 30 << 20))
        #expect(log.entries().map(\.element.key) == ["big"], "within the budget it is kept")
        log.append(Self.record(key: "second", valueBytes: 30 << 20))
        #expect(log.entries().map(\.element.key) == ["big", "second"])
        log.append(Self.record(key: "third", valueBytes: 30 << 20))
        #expect(log.entries().map(\.element.key) == ["second", "third"], "the oldest goes, whatever the count limit")
        #expect(log.keptBytes <= budget)
        for index in 0..<3 { log.append(Self.record(key: "small\(index)", valueBytes: 10)) }
        #expect(log.entries().map(\.element.key) == ["second", "third", "small0", "small1", "small2"])
        #expect(log.droppedCount == 1)
    }

    @Test func aRecordOverTheWholeByteBudgetIsNotKept() {
        let log = DevLog<CapturedEgressRecord>(limit: 10, byteLimit: 4096, cost: DevRetention.cost)
        log.append(Self.record(key: "a", valueBytes: 100))
        log.append(Self.record(key: "huge", valueBytes: 5000))
        #expect(log.entries().map(\.element.key) == ["a"], "the huge one is dropped, the older small one stays")
        #expect(log.droppedCount == 1)
        #expect(log.nextSequence == 3, "it still took a sequence number, so answers can count it as dropped")
    }

    @Test func theCostCountsValueStringsAndAFixedOverhead() {
        let record = Self.record(key: "key", valueBytes: 1000)
        // egress x/y (2), source x/f + 1 (3), topic t (1), key (3), value (1000).
        #expect(DevRetention.cost(record) == DevRetention.entryOverhead + 2 + 3 + 1 + 3 + 1000)
        let typed = CapturedEgressRecord(
            egress: "x/y", payload: .value(Message(typeName: "a/b", bytes: [1, 2, 3])),
            source: Address("x/f", id: "1"), time: .zero)
        #expect(DevRetention.cost(typed) == DevRetention.entryOverhead + 2 + 3 + 3 + 3)
    }

    @Test func aDetachedRecordNoLongerSharesTheBufferItWasSlicedFrom() {
        let buffer = [UInt8](repeating: 1, count: 4096)
        let sliced = CapturedEgressRecord(
            egress: "x/y", payload: .value(Message(typeName: "a/b", payload: buffer[10..<20])),
            source: Address("x/f", id: "1"), time: .zero)
        guard case .value(let message) = DevRetention.detached(sliced).payload else {
            Issue.record("the payload kind changed")
            return
        }
        #expect(message.payload?.startIndex == 0, "a slice of its own (a slice of the buffer would start at 10)")
        #expect(message.bytes == Array(buffer[10..<20]))
    }

    /// An element whose release the test can observe.
    final class Tracked: Sendable {
        let size: Int
        init(size: Int) { self.size = size }
    }

    @Test func droppedEntriesAreReleasedAtOnce() {
        let log = DevLog<Tracked>(limit: 100, byteLimit: 1000, cost: \.size)
        weak var first: Tracked?
        do {
            let element = Tracked(size: 600)
            first = element
            log.append(element)
        }
        #expect(first != nil, "kept while within the budget")
        log.append(Tracked(size: 600))
        #expect(first == nil, "evicted and no longer held by the log")
        #expect(log.keptBytes == 600)
    }

    @Test func contentTypeNamesTheTypename() throws {
        #expect(try DevRouter.typeName(contentType: nil).get() == "io.statefun.types/string")
        #expect(try DevRouter.typeName(contentType: "application/vnd.com.googleapis/example.GreetRequest").get()
            == "com.googleapis/example.GreetRequest")
        #expect(try DevRouter.typeName(contentType: "Application/VND.example/Thing; charset=utf-8").get() == "example/Thing")
        #expect(try DevRouter.typeName(contentType: "text/plain").get() == "io.statefun.types/string")
        #expect(throws: DevRouter.Problem.self) { try DevRouter.typeName(contentType: "application/vnd.example/").get() }
    }

    @Test func plainTextForTheStringTypeIsWrapped() throws {
        let wrapped = DevRouter.body(Array("ann".utf8), typeName: "io.statefun.types/string")
        #expect(try String.deserialize(from: wrapped) == "ann")
        let exact = "ann".serialize()
        #expect(DevRouter.body(exact, typeName: "io.statefun.types/string") == exact)
        #expect(DevRouter.body(Array("ann".utf8), typeName: "example/Other") == Array("ann".utf8))
    }

    @Test func devIsABuiltInCommandWithHostAndPort() async {
        let app = App { Function("devtest/f") { Handle(String.self) { _, _ in } } }
        let text = CapturedText()
        let help = await app.runCommandLine(arguments: ["greeter", "dev", "--help"], output: text.output)
        #expect(help == AppCommand.success)
        #expect(text.out.contains("USAGE: greeter dev [--host <host>] [--port <port>]"))
        #expect(text.out.contains("(default: 8090)"))
        let list = CapturedText()
        _ = await app.runCommandLine(arguments: ["greeter", "--help"], output: list.output)
        #expect(list.out.contains("  dev "))
        let bad = CapturedText()
        #expect(await app.runCommandLine(arguments: ["greeter", "dev", "--port", "70000"], output: bad.output)
            == AppCommand.usageError)
    }

    @Test func devRefusesAnAppWithErrors() async {
        let app = App { Function("no-slash") { Handle(String.self) { _, _ in } } }
        let text = CapturedText()
        let status = await app.runCommandLine(arguments: ["app", "dev", "--port", "0"], output: text.output)
        #expect(status == AppCommand.failure)
        #expect(text.err.contains("not running an app with errors"))
    }
}

/// Collects what a command writes.
final class CapturedText: Sendable {
    private let storage = Mutex<(out: String, err: String)>(("", ""))
    var out: String { storage.withLock { $0.out } }
    var err: String { storage.withLock { $0.err } }
    var output: CommandOutput {
        CommandOutput(
            standardOutput: { text in self.storage.withLock { $0.out += text } },
            standardError: { text in self.storage.withLock { $0.err += text } })
    }
}
