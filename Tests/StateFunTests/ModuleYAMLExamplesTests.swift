// Example apps shared by the module.yaml, describe and command-line tests, and a small YAML reader that reads
// back what the package's YAML writer emits (block mappings and sequences, plain and double-quoted scalars).

import StateFun
import StateFunTesting
import Testing

enum ExampleApps {
    static let cart = ValueSpec<String>("cart", expireAfterWrite: .seconds(120))
    static let seen = ValueSpec<Int32>("seen", expireAfterCall: .seconds(60))
    static let lastClick = ValueSpec<Int64>("last_click")

    static let receipts = KafkaEgress(
        id: "shop/receipts", address: "kafka:9092", deliverySemantic: .exactlyOnce(transactionTimeout: .seconds(100)),
        properties: ["compression.type": "zstd"])
    static let audit = KinesisEgress(
        id: "shop/audit", region: .specific("eu-west-1"), credentials: .profile(name: "ci", path: "/etc/aws/credentials"),
        maxOutstandingRecords: 500, clientProperties: ["RecordTtl": "60000"])

    /// Every kind of declaration, with most settings set; it validates without errors.
    static let shop = App {
        Function("shop/cart") {
            cart
            seen
            lastClick
            Handle(String.self) { context, item in
                try context.storage.set(cart, item)
                try context.send(receipts.record(topic: "receipts", key: context.address.id, value: .string(item)))
                try context.send(item, to: Address("shop/audit-log", id: context.address.id))
            }
            Sends("shop/audit-log")
            Emits(receipts)
            OnFailure(.deadLetter(to: receipts, topic: "cart-poison"))
        }
        Function("shop/audit-log") {
            Otherwise { context, message in
                try context.send(audit.record(stream: "audit", partitionKey: context.address.id, value: .bytes(message.bytes ?? [])))
            }
            Emits(audit)
            OnFailure(.discard)
        }
        Function("ops/health") {
            Handle(Bool.self) { _, _ in }
        }
        KafkaIngress(
            id: "shop/orders", address: "kafka:9092", consumerGroupId: "shop", autoOffsetReset: .earliest,
            startupPosition: .specificOffsets(["orders/1": 7, "orders/0": 42]),
            properties: ["isolation.level": "read_committed", "max.poll.records": "100"]
        ) {
            KafkaTopic("orders", valueType: String.self, targets: "shop/cart")
            KafkaTopic("audits", valueType: "shop/AuditEvent", targets: "shop/audit-log")
        }
        KinesisIngress(
            id: "shop/clicks", region: .customEndpoint(url: "http://localstack:4566", id: "us-east-1"),
            credentials: .basic(accessKeyId: "AKIAEXAMPLE", secretAccessKey: "s3cr3t"),
            startupPosition: .date("2020-02-01 04:15:00.000 +0000"), clientProperties: ["SHARD_GETRECORDS_MAX": "100"]
        ) {
            KinesisStream("clicks", valueType: String.self, targets: "shop/cart")
        }
        receipts
        audit
        Endpoint(
            functions: "shop/*", urlPathTemplate: "http://shop:8000/{function.name}",
            timeouts: .init(call: .seconds(120), connect: .seconds(5), read: .seconds(30), write: .milliseconds(1500)),
            maxNumBatchRequests: 500)
        Endpoint(
            functions: "shop/audit-log", urlPathTemplate: "https://audit:8443/statefun", timeouts: .init(call: .seconds(90)),
            transport: .async(.init(poolTTL: .seconds(30), poolSize: 64, payloadMaxBytes: 1_048_576)))
        Endpoint(functions: "ops/health", urlPathTemplate: "http+unix:///var/run/ops.sock/statefun")
    }

    /// A function and nothing else: module.yaml falls back to the default endpoint.
    static let bare = App {
        Function("example/echo") {
            ValueSpec<String>("last")
            Handle(String.self) { context, text in try context.send(text, to: context.caller ?? context.address) }
        }
    }
}

@Suite struct ModuleYAMLExamplesTests {
    @Test func blockYAMLReaderReadsNestedBlocks() throws {
        let yaml = """
            # comment
            a: 1
            b:
              - x
              - k: "v: w"
                l:
                  - - 1
                    - "two\\n"
              - []
            c: {}
            ---
            d: "3.0"

            """
        let documents = try BlockYAML.documents(yaml)
        #expect(documents.count == 2)
        #expect(documents[0]["a"] == .int(1))
        #expect(documents[0]["b"]?[1]?["k"] == .string("v: w"))
        #expect(documents[0]["b"]?[1]?["l"]?[0] == .list([.int(1), .string("two\n")]))
        #expect(documents[0]["b"]?[2] == .list([]))
        #expect(documents[0]["c"] == .map([]))
        #expect(documents[1]["d"] == .string("3.0"))
    }

    @Test func shopAppHasNoErrors() {
        let errors = ExampleApps.shop.validate().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }
}
