// describe --dot: the routing graph of the example shop app as a golden, DOT quoting of strange typenames, and
// undeclared targets drawn dashed.

import StateFun
import Testing

@Suite struct AppGraphTests {
    @Test func shopGraphMatchesGolden() throws {
        try ModuleYAMLTests.golden("describe-shop.dot", ExampleApps.shop.describeDOT())
    }

    @Test func graphHasAnEdgePerRouteTargetSendsAndEmits() {
        let graph = AppGraph(model: ExampleApps.shop.model)
        #expect(graph.nodes.filter { $0.kind == .function }.map(\.name) == ["shop/cart", "shop/audit-log", "ops/health"])
        #expect(graph.nodes.filter { $0.kind == .ingress }.map(\.name) == ["shop/orders", "shop/clicks"])
        #expect(graph.nodes.filter { $0.kind == .egress }.map(\.name) == ["shop/receipts", "shop/audit"])
        #expect(graph.edges.map { "\($0.from) -> \($0.to)" } == [
            "ingress:shop/orders -> function:shop/cart", "ingress:shop/orders -> function:shop/audit-log",
            "ingress:shop/clicks -> function:shop/cart", "function:shop/cart -> function:shop/audit-log",
            "function:shop/cart -> egress:shop/receipts", "function:shop/audit-log -> egress:shop/audit",
        ])
        #expect(graph.edges[3].label == "sends" && graph.edges[4].label == "emits")
        #expect(graph.edges[0].label == "orders: io.statefun.types/string")
        #expect(graph.nodes.allSatisfy { !$0.undeclared })
    }

    @Test func labelsAreQuotedForDOT() {
        let strange = "say \"hi\" \\ back\nslash\u{7}"
        let app = App {
            Function(TypeName(namespace: "odd", name: strange)) { Otherwise { _, _ in } }
            KafkaIngress(id: "odd/in", address: "k:1") {
                KafkaTopic(strange, valueType: "odd/T", targets: TypeName(namespace: "odd", name: strange))
            }
        }
        let dot = app.describeDOT()
        let escaped = "say \\\"hi\\\" \\\\ back\\nslash "
        #expect(dot.contains("\"function:odd/\(escaped)\" [label=\"odd/\(escaped)\\nfunction\""))
        #expect(dot.contains("[label=\"\(escaped): odd/T\"]"))
        #expect(!dot.contains("\u{7}"))
        // Every line but the braces ends with ';' and quotes balance: no label leaks into the syntax.
        for line in dot.split(separator: "\n").dropFirst().dropLast() {
            #expect(line.hasSuffix(";"))
            #expect(line.replacing("\\\\", with: "").replacing("\\\"", with: "").count { $0 == "\"" } % 2 == 0)
        }
    }

    @Test func undeclaredTargetsAndEgressesAreDashed() {
        let missing = KafkaEgress(id: "odd/nowhere", address: "k:1")
        let app = App {
            Function("odd/f") {
                Handle(String.self) { _, _ in }
                Emits(missing)
                Sends("remote/elsewhere")
            }
            KafkaIngress(id: "odd/in", address: "k:1") { KafkaTopic("t", valueType: String.self, targets: "odd/typo") }
        }
        let dot = app.describeDOT()
        #expect(dot.contains("\"function:remote/elsewhere\" [label=\"remote/elsewhere\\nnot declared\", shape=box, style=\"rounded,dashed\"];"))
        #expect(dot.contains("\"function:odd/f\" -> \"function:remote/elsewhere\" [label=\"sends\"];"))
        #expect(dot.contains("\"function:odd/typo\" [label=\"odd/typo\\nnot declared\", shape=box, style=\"rounded,dashed\"];"))
        #expect(dot.contains("\"egress:odd/nowhere\" [label=\"odd/nowhere\\nnot declared\", shape=house, style=\"dashed\"];"))
    }

    @Test func describeDotCommandPrintsTheGraph() async {
        let captured = CapturedOutput()
        let status = await ExampleApps.shop.runCommandLine(
            arguments: ["/bin/shop", "describe", "--dot"], commands: [], defaultCommand: nil, output: captured.output)
        #expect(status == 0 && captured.standardOutput == ExampleApps.shop.describeDOT())
        let both = CapturedOutput()
        let refused = await ExampleApps.shop.runCommandLine(
            arguments: ["/bin/shop", "describe", "--dot", "--json"], commands: [], defaultCommand: nil, output: both.output)
        #expect(refused == 2 && both.standardError == "error: --json and --dot exclude each other\n")
    }
}
