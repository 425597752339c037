public import StateFun

/// `shop demo`: a morning at the shop on the embedded runtime, with simulated time (a ``ManualClock``), so the
/// 15-minute reservation holds and the 10-minute cart expiry play out at once. Prints what the shop writes to
/// Kafka and Kinesis, and where the stock stands.
public enum ShopDemo {
    /// The command, for ``App/main(arguments:commands:defaultCommand:)``.
    public static let command = AppCommand(
        name: "demo", summary: "Play a morning at the shop on the embedded runtime, with simulated time."
    ) { invocation in
        try await run(app: invocation.app, output: invocation.output)
    }

    /// Plays the scenario; returns the exit status (``AppCommand/failure`` when a call failed).
    public static func run(app: App, output: CommandOutput) async throws -> Int32 {
        let clock = ManualClock()
        let runtime = LocalRuntime(app: app, clock: clock)
        defer { runtime.shutDown() }
        var shown = 0

        func say(_ line: String) {
            let minutes = runtime.now.components.seconds / 60
            output.print("[\(minutes < 10 ? "0" : "")\(minutes) min] \(line)")
        }
        func settle(_ step: Duration = .zero) async throws {
            await runtime.advance(by: step)
            let records = runtime.egressRecords
            for record in records.dropFirst(shown) {
                switch record.payload {
                case .kafka:
                    let receipt = try record.value(as: Receipt.self)
                    let items = receipt.lines.map { "\($0.quantity) \($0.item)" }.joined(separator: ", ")
                    say("  kafka receipts: \(receipt.orderID) for \(receipt.shopper): \(items), \(cents(receipt.totalCents))")
                case .kinesis:
                    let event = try record.value(as: ShopEvent.self)
                    say("  kinesis shop-events: \(event.kind.label) (\(event.details.joined(separator: ", ")))")
                case .value:
                    say("  \(record)")
                }
            }
            shown = records.count
        }
        func stock(_ item: String) -> String {
            "\((try? runtime.state(InventoryFunction.stock, of: InventoryFunction.address(item))) ?? 0) \(item)"
        }

        say("restock: 5 apple, 1 pear")
        try runtime.ingest(topic: "restocks", key: "apple", Restock(quantity: 5))
        try runtime.ingest(topic: "restocks", key: "pear", Restock(quantity: 1))
        try await settle()

        say("ann adds 2 apple, bob adds 2 pear")
        try runtime.ingest(topic: "add-to-cart", key: "ann", AddToCart(item: "apple", quantity: 2))
        try runtime.ingest(topic: "add-to-cart", key: "bob", AddToCart(item: "pear", quantity: 2))
        try await settle()
        say("  stock: \(stock("apple")), \(stock("pear"))")

        try await settle(.seconds(3 * 60))
        say("bob adds 1 pear and 3 apple")
        try runtime.ingest(topic: "add-to-cart", key: "bob", AddToCart(item: "pear", quantity: 1))
        try runtime.ingest(topic: "add-to-cart", key: "bob", AddToCart(item: "apple", quantity: 3))
        try await settle()
        say("  stock: \(stock("apple")), \(stock("pear"))")

        try await settle(.seconds(2 * 60))
        say("ann checks out: her reservation's timeout is cancelled")
        try runtime.ingest(topic: "checkouts", key: "ann", Checkout())
        try await settle()

        say("bob walks away; time passes")
        try await settle(.seconds(7 * 60))
        let bobsCart = (try? runtime.state(CartFunction.cart, of: CartFunction.address("bob")))
        say("  bob's cart after 9 idle minutes: \(bobsCart.map { "\($0.lines.count) lines" } ?? "expired")")
        try await settle(.seconds(2 * 60))
        let expired = (try? runtime.state(CartFunction.cart, of: CartFunction.address("bob"))) == nil
        say("  bob's cart after 11 idle minutes: \(expired ? "expired (abandoned)" : "still there")")
        try await settle(.seconds(4 * 60))
        say("  stock: \(stock("apple")), \(stock("pear"))")
        let order = (try? runtime.state(CartFunction.lastOrder, of: CartFunction.address("ann"))) ?? "none"
        say("ann's last order: \(order); pending delayed messages: \(runtime.pendingDelayedMessageCount)")

        for failure in runtime.failures { output.printError("failed: \(failure)") }
        return runtime.failures.isEmpty ? AppCommand.success : AppCommand.failure
    }

    private static func cents(_ value: Int64) -> String {
        let remainder = value % 100
        return "\(value / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }
}
