import ShoppingCart
import StateFun
import StateFunTesting
import Testing

/// The whole shop on the local runtime with a manual clock: time moves only when a test advances it.
@Suite struct ShopFlowTests {
    let runtime = LocalRuntime.forTesting(app: Shop.app)

    func stock(_ item: String) -> Int64? {
        runtime.value(InventoryFunction.stock, of: InventoryFunction.address(item))
    }

    func cart(_ shopper: String) -> Cart? {
        runtime.value(CartFunction.cart, of: CartFunction.address(shopper))
    }

    func events() throws -> [ShopEvent] {
        try runtime.egressRecords(topic: Shop.eventsStream).map { try $0.value(as: ShopEvent.self) }
    }

    func receipts() throws -> [Receipt] {
        try runtime.egressRecords(topic: Shop.receiptsTopic).map { try $0.value(as: Receipt.self) }
    }

    /// Restocks `apple` with 5 and lets ann add 2 of them.
    func annReservesTwoApples() async throws {
        try await runtime.ingestAndWait(topic: "restocks", key: "apple", Restock(quantity: 5))
        try await runtime.ingestAndWait(topic: "add-to-cart", key: "ann", AddToCart(item: "apple", quantity: 2))
    }

    @Test func aReservationHoldsStockAndLapsesWhenItsHoldEnds() async throws {
        try await annReservesTwoApples()
        #expect(stock("apple") == 3)
        #expect(cart("ann")?.lines == [CartLine(item: "apple", quantity: 2, reservationID: "apple#1")])
        #expect(runtime.pendingDelayedMessageCount == 1)

        await runtime.advance(by: CartFunction.reservationHold - .seconds(1))
        #expect(stock("apple") == 3, "still held a second before the hold ends")

        await runtime.advance(by: .seconds(1))
        #expect(stock("apple") == 5)
        #expect(cart("ann") == nil)
        #expect(try events() == [ShopEvent(kind: .reservationExpired, shopper: "ann", item: "apple", quantity: 2)])
        #expect(try receipts().isEmpty)
        runtime.expectNoFailures()  // also fails on a call still waiting for a retry
    }

    @Test func checkingOutBeforeTheHoldEndsCancelsTheTimeout() async throws {
        try await annReservesTwoApples()
        await runtime.advance(by: .seconds(5 * 60))
        try await runtime.ingestAndWait(topic: "checkouts", key: "ann", Checkout())

        #expect(runtime.pendingDelayedMessageCount == 0, "the timeout was withdrawn by its token")
        #expect(
            try receipts() == [
                Receipt(
                    orderID: "ann-1", shopper: "ann", lines: [.init(item: "apple", quantity: 2, unitCents: 50)],
                    totalCents: 100)
            ])
        #expect(runtime.egressRecords(topic: Shop.receiptsTopic).first?.key == "ann")
        #expect(cart("ann") == nil)
        #expect(runtime.value(CartFunction.lastOrder, of: CartFunction.address("ann")) == "ann-1")

        await runtime.advance(by: CartFunction.reservationHold * 2)
        #expect(stock("apple") == 3, "sold units stay sold")
        #expect(try events().isEmpty)
        runtime.expectNoFailures()  // also fails on a call still waiting for a retry
    }

    @Test func anAbandonedCartExpiresAndItsStockComesBackWhenTheHoldEnds() async throws {
        try await annReservesTwoApples()
        await runtime.advance(by: CartFunction.abandonedAfter - .seconds(1))
        #expect(cart("ann") != nil)

        await runtime.advance(by: .seconds(2))
        #expect(cart("ann") == nil, "no call for \(CartFunction.abandonedAfter): the cart expired")
        #expect(stock("apple") == 3, "the reservation still holds")

        await runtime.advance(by: CartFunction.reservationHold - CartFunction.abandonedAfter)
        #expect(stock("apple") == 5)
        #expect(try events().map(\.kind) == [.reservationExpired])

        // Checking out an expired cart bills nothing.
        try await runtime.ingestAndWait(topic: "checkouts", key: "ann", Checkout())
        #expect(try receipts().isEmpty)
        #expect(try events().last == ShopEvent(kind: .rejected, shopper: "ann", reason: "the cart is empty"))
    }

    @Test func addingKeepsTheCartAliveAndEachLineLapsesOnItsOwn() async throws {
        try await annReservesTwoApples()
        await runtime.advance(by: .seconds(8 * 60))
        try await runtime.ingestAndWait(topic: "add-to-cart", key: "ann", AddToCart(item: "apple", quantity: 1))
        await runtime.advance(by: .seconds(8 * 60))
        // 16 minutes: the first line lapsed, the second (added at 8) holds until 23.
        #expect(cart("ann")?.lines == [CartLine(item: "apple", quantity: 1, reservationID: "apple#2")])
        #expect(stock("apple") == 4)
        await runtime.advance(by: .seconds(7 * 60))
        #expect(cart("ann") == nil)
        #expect(stock("apple") == 5)
    }

    @Test func tooLittleStockIsReportedOnKinesis() async throws {
        try await runtime.ingestAndWait(topic: "restocks", key: "pear", Restock(quantity: 1))
        try await runtime.ingestAndWait(topic: "add-to-cart", key: "bob", AddToCart(item: "pear", quantity: 2))
        #expect(stock("pear") == 1)
        #expect(cart("bob") == nil)
        #expect(try events() == [ShopEvent(kind: .outOfStock, shopper: "bob", item: "pear", quantity: 2)])
        let record = try #require(runtime.egressRecords(topic: Shop.eventsStream).first)
        #expect(record.egress == Shop.events.id)
        #expect(record.key == "pear", "events are partitioned by item")
        #expect(runtime.pendingDelayedMessageCount == 0)
    }

    @Test func theLastOrderIsForgottenADayAfterItWasWritten() async throws {
        try await annReservesTwoApples()
        try await runtime.ingestAndWait(topic: "checkouts", key: "ann", Checkout())
        await runtime.advance(by: .seconds(24 * 3600 - 1))
        #expect(runtime.value(CartFunction.lastOrder, of: CartFunction.address("ann")) == "ann-1")
        await runtime.advance(by: .seconds(1))
        #expect(runtime.value(CartFunction.lastOrder, of: CartFunction.address("ann")) == nil)
    }

    @Test func invalidCommandsAreRejectedNotApplied() async throws {
        try await runtime.ingestAndWait(topic: "restocks", key: "apple", Restock(quantity: 0))
        try await runtime.ingestAndWait(topic: "add-to-cart", key: "ann", AddToCart(item: "apple", quantity: -1))
        try await runtime.ingestAndWait(topic: "add-to-cart", key: "ann", AddToCart(item: "", quantity: 1))
        #expect(try events().map(\.kind) == [.rejected, .rejected, .rejected])
        #expect(stock("apple") == nil)
        #expect(cart("ann") == nil)
        runtime.expectNoFailures()  // also fails on a call still waiting for a retry
    }
}
