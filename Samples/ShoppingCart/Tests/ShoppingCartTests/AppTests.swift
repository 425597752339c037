#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import ShoppingCart
import StateFun
import StateFunTesting
import Synchronization
import Testing

@Suite struct AppTests {
    static let packageDirectory = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theAppHasNoProblems() {
        #expect(Shop.app.validate().isEmpty)
        #expect(Shop.app.functionTypes == ["shop/cart", "shop/inventory", "shop/checkout"])
    }

    @Test func everyFunctionDeclaresWhatItTalksTo() {
        // The declared routing is enforced: the flow tests pass only because every send and write is declared.
        let description = Shop.app.describe()
        #expect(description.contains("function shop/cart\n") && description.contains("  sends to shop/inventory\n"))
        #expect(description.contains("  sends to shop/checkout\n"))
        #expect(!description.contains("routing not declared"), "\(description)")
    }

    @Test func theCheckedInModuleYAMLIsWhatTheAppEmits() throws {
        let checkedIn = String(
            decoding: try Data(contentsOf: Self.packageDirectory.appending(path: "module.yaml")), as: UTF8.self)
        #expect(checkedIn == Shop.app.moduleYAML())
    }

    @Test func theDemoTellsTheWholeStory() async {
        let text = Mutex((out: "", err: ""))
        let output = CommandOutput(
            standardOutput: { chunk in text.withLock { $0.out += chunk } },
            standardError: { chunk in text.withLock { $0.err += chunk } })
        let status = await Shop.app.runCommandLine(
            arguments: ["shop"], commands: [ShopDemo.command], defaultCommand: "demo", output: output)
        let (out, err) = text.withLock { ($0.out, $0.err) }
        #expect(status == 0)
        #expect(err.isEmpty)
        #expect(out.contains("kinesis shop-events: out-of-stock (bob, pear, 2)"))
        #expect(out.contains("kafka receipts: ann-1 for ann: 2 apple, 1.00"))
        #expect(out.contains("bob's cart after 9 idle minutes: 2 lines"))
        #expect(out.contains("bob's cart after 11 idle minutes: expired (abandoned)"))
        #expect(out.contains("kinesis shop-events: reservation-expired (bob, apple, 3)"))
        #expect(out.contains("[18 min]   stock: 3 apple, 1 pear"))
        #expect(out.hasSuffix("ann's last order: ann-1; pending delayed messages: 0\n"))
    }
}
