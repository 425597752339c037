// describe() and describeJSON(): golden outputs for the example shop app, JSON that any JSON parser reads back,
// and the endpoint each function is served by.

import Foundation
import StateFun
import Testing

@Suite struct DescribeTests {
    @Test func readableDescriptionMatchesGolden() throws {
        try ModuleYAMLTests.golden("describe-shop.txt", ExampleApps.shop.describe())
    }

    @Test func jsonDescriptionMatchesGolden() throws {
        try ModuleYAMLTests.golden("describe-shop.json", ExampleApps.shop.describeJSON())
    }

    @Test func jsonReadsBackWithFoundation() throws {
        let json = ExampleApps.shop.describeJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["functions", "ingresses", "egresses", "endpoints"])
        let functions = try #require(object["functions"] as? [[String: Any]])
        #expect(functions.map { $0["type"] as? String } == ["shop/cart", "shop/audit-log", "ops/health"])
        #expect(functions.map { $0["catchAll"] as? Bool } == [false, true, false])
        let states = try #require(functions[0]["states"] as? [[String: Any]])
        let expiration = try #require(states[1]["expiration"] as? [String: Any])
        #expect(expiration["mode"] as? String == "after-call")
        #expect(expiration["milliseconds"] as? Int == 60_000)
    }

    @Test func jsonEscapesEveryString() throws {
        let strange = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} sep \u{2028} 🌍"
        let app = App {
            Function(TypeName(namespace: "odd", name: strange)) {
                ValueSpec<String>("s")
                Otherwise { _, _ in }
            }
            KafkaIngress(id: "odd/in", address: "k:1") { KafkaTopic(strange, valueType: "odd/T", targets: "odd/x") }
        }
        let json = app.describeJSON()
        #expect(json.contains("\\u2028") && json.contains("\\u0000") && json.contains("\\u0007"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let functions = try #require(object["functions"] as? [[String: Any]])
        #expect(functions.first?["type"] as? String == "odd/" + strange)
        let routes = try #require((object["ingresses"] as? [[String: Any]])?.first?["routes"] as? [[String: Any]])
        #expect(routes.first?["topic"] as? String == strange)
    }

    @Test func emptyAppDescribesAsEmpty() {
        let app = App {}
        #expect(app.describe() == "app: 0 functions, 0 ingresses, 0 egresses, 0 endpoints\n")
        #expect(app.describeJSON() == "{\n  \"functions\": [],\n  \"ingresses\": [],\n  \"egresses\": [],\n  \"endpoints\": []\n}\n")
    }

    @Test func uncoveredFunctionsSayWhereModuleYAMLServesThem() {
        #expect(ExampleApps.bare.describe().contains("served by no endpoint (module.yaml uses http://localhost:8000/statefun)"))
        #expect(ExampleApps.bare.describeJSON().contains("\"endpoint\": null"))
    }
}
