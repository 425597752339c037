// The shapes an App declaration can take: conditionals, loops, optionals, availability, user components,
// and the IO builders; and what each declaration puts into the app model.

import StateFun
import Testing

/// A reusable group of declarations, as users write them.
struct CartModule: AppComponent {
    var withAudit: Bool
    static let receipts = KafkaEgress(id: "shop/receipts", address: "kafka:9092")

    var body: [any AppComponent] {
        Function("shop/cart") {
            ValueSpec<String>("items")
            Handle(String.self) { _, _ in }
            Emits(Self.receipts)
        }
        Self.receipts
        if withAudit {
            Function("shop/audit") { Otherwise { _, _ in } }
        }
    }
}

/// A component that nests another one.
struct ShopModule: AppComponent {
    var body: [any AppComponent] {
        CartModule(withAudit: true)
        Endpoint(functions: "shop/*", urlPathTemplate: "http://shop:8000/statefun")
    }
}

@Suite struct AppBuilderTests {
    @Test func ifElseChoosesOneBranch() {
        for flag in [true, false] {
            let app = App {
                if flag {
                    Function("a/yes") { Otherwise { _, _ in } }
                } else {
                    Function("a/no") { Otherwise { _, _ in } }
                }
                if !flag { Function("a/only-when-false") { Otherwise { _, _ in } } }
            }
            #expect(app.functionTypes == (flag ? ["a/yes"] : ["a/no", "a/only-when-false"]))
        }
    }

    @Test func forDeclaresOnePerElement() {
        let regions = ["eu", "us", "ap"]
        let app = App {
            for region in regions {
                Function(TypeName(namespace: "geo", name: region)) { Otherwise { _, _ in } }
            }
            Endpoint(functions: "geo/*", urlPathTemplate: "http://geo:8000/{function.name}")
        }
        #expect(app.functionTypes.map(\.description) == ["geo/eu", "geo/us", "geo/ap"])
        #expect(app.model.endpoints.count == 1)
    }

    @Test func optionalsAndAvailability() {
        let extra: TypeName? = "a/extra"
        let missing: TypeName? = nil
        let app = App {
            if let extra { Function(extra) { Otherwise { _, _ in } } }
            if let missing { Function(missing) { Otherwise { _, _ in } } }
            if #available(macOS 15, *) {
                Function("a/available") { Otherwise { _, _ in } }
            }
        }
        #expect(app.functionTypes == ["a/extra", "a/available"])
    }

    @Test func userComponentsFlattenInOrder() {
        let app = App {
            Function("first/f") { Otherwise { _, _ in } }
            ShopModule()
            CartModule(withAudit: false)
        }
        #expect(app.functionTypes == ["first/f", "shop/cart", "shop/audit", "shop/cart"])
        #expect(app.model.egresses.map(\.id) == ["shop/receipts", "shop/receipts"])
        #expect(app.model.endpoints.map(\.functions) == ["shop/*"])
        #expect(app.model.functions[1].egresses == ["shop/receipts"])
    }

    @Test func functionBodiesTakeConditionalsAndLoops() {
        let names = ["a", "b"]
        let withCatchAll = true
        let app = App {
            Function("a/f") {
                for name in names { ValueSpec<Int32>(name) }
                if withCatchAll { Otherwise { _, _ in } } else { Handle(String.self) { _, _ in } }
            }
        }
        let function = app.model.functions[0]
        #expect(function.specs.map(\.name) == ["a", "b"])
        #expect(function.otherwise != nil)
        #expect(function.handlers.isEmpty)
    }

    @Test func ingressTopicsTakeConditionalsAndLoops() {
        let topics = ["t1", "t2"]
        let withKinesis = false
        let app = App {
            KafkaIngress(id: "a/in", address: "k:9092") {
                for topic in topics { KafkaTopic(topic, valueType: String.self, targets: "a/f") }
                if withKinesis { KafkaTopic("never", valueType: String.self, targets: "a/f") }
            }
            KinesisIngress(id: "a/kin") {
                KinesisStream("s", valueType: "a/Event", targets: "a/f", "a/g")
            }
        }
        #expect(
            app.model.ingressRoutes == [
                IngressRoute(ingress: "a/in", kind: .kafka, topic: "t1", valueType: "io.statefun.types/string", targets: ["a/f"]),
                IngressRoute(ingress: "a/in", kind: .kafka, topic: "t2", valueType: "io.statefun.types/string", targets: ["a/f"]),
                IngressRoute(ingress: "a/kin", kind: .kinesis, topic: "s", valueType: "a/Event", targets: ["a/f", "a/g"]),
            ])
        #expect(app.model.ingresses.map(\.kind) == [.kafka, .kinesis])
        #expect(app.model.ingresses[0].settings["address"] == "k:9092")
    }

    @Test func endpointFillsTheModel() {
        let app = App {
            Endpoint(
                functions: "a/*", urlPathTemplate: "http://a:1/{function.name}", timeouts: .init(call: .seconds(120)), maxNumBatchRequests: 500,
                transport: .async(.init(poolSize: 8)))
            Endpoint(functions: "a/special", urlPathTemplate: "http://special:1/")
        }
        let endpoint = app.model.endpoints[0]
        #expect(endpoint.maxNumBatchRequests == 500)
        #expect(endpoint.timeouts == .init(call: .seconds(120)))
        #expect(endpoint.transport == .async(.init(poolSize: 8)))
        #expect(endpoint.covers("a/x") && !endpoint.covers("b/x"))
        #expect(endpoint.url(for: "a/greeter") == "http://a:1/greeter")
        #expect(app.model.endpoint(for: "a/special")?.urlPathTemplate == "http://special:1/")
        #expect(app.model.endpoint(for: "a/other")?.functions == "a/*")
        #expect(app.model.endpoints[1].transport == .okhttp)
    }

    @Test func egressHandlesMakeRecordsForTheirEgress() {
        let kafka = KafkaEgress(id: "a/kafka", address: "k:9092")
        let kinesis = KinesisEgress(id: "a/kinesis")
        #expect(kafka.record(topic: "t", key: "k", value: "v").egress == "a/kafka")
        #expect(kinesis.record(stream: "s", partitionKey: "p", value: .bytes([1])).egress == "a/kinesis")
        let app = App {
            Function("a/f") {
                Emits(kafka, kinesis)
                Emits("a/third")
                Otherwise { _, _ in }
            }
        }
        #expect(app.model.functions[0].egresses == ["a/kafka", "a/kinesis", "a/third"])
    }

    @Test func clientPropertiesKeepOrderAndDuplicates() {
        let literal: ClientProperties = ["b": "1", "a": "2", "b": "3"]
        #expect(literal.pairs.map(\.key) == ["b", "a", "b"])
        let pairs: ClientProperties = [("x", "1")]
        #expect(pairs.pairs.first?.value == "1")
        let built = ClientProperties(["k1", "k2"].map { ($0, $0.uppercased()) })
        #expect(built.pairs.map(\.value) == ["K1", "K2"])
        #expect(ClientProperties([]).isEmpty)
    }

    @Test func kafkaTopicPartitionLiterals() {
        let parsed: KafkaTopicPartition = "my/topic/3"
        #expect(parsed == KafkaTopicPartition("my/topic", partition: 3))
        #expect(parsed.description == "my/topic/3")
        let invalid: KafkaTopicPartition = "no-partition"
        #expect(invalid.partition == nil)
    }
}
