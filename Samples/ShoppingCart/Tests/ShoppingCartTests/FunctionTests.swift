import ShoppingCart
import StateFun
import StateFunTesting
import Testing

/// One function at a time, through the app's request handler.
@Suite struct FunctionTests {
    func invocation(_ function: TypeName, _ id: String) -> TestInvocation {
        TestInvocation(app: Shop.app, function: function, id: id)
    }

    @Test func theInventoryRepliesToTheCartThatAsked() async throws {
        let result = try await invocation(InventoryFunction.typeName, "apple")
            .state(InventoryFunction.stock, 4)
            .state(InventoryFunction.reservations, 6)
            .caller(CartFunction.address("ann"))
            .invoke(with: ReserveItem(quantity: 3))
        #expect(
            result.sentValues(ReservationResult.self, to: CartFunction.address("ann")) == [
                ReservationResult(item: "apple", quantity: 3, reservationID: "apple#7", available: 1)
            ])
        #expect(result.state(InventoryFunction.stock) == 1)
        #expect(result.state(InventoryFunction.reservations) == 7)
    }

    @Test func theInventoryRefusesMoreThanItHas() async throws {
        let result = try await invocation(InventoryFunction.typeName, "apple")
            .state(InventoryFunction.stock, 2)
            .caller(CartFunction.address("ann"))
            .invoke(with: ReserveItem(quantity: 3))
        #expect(result.sentValues(ReservationResult.self).first?.grantedReservation == nil)
        #expect(result.changedStates.isEmpty)
    }

    @Test func aReservationWithoutACallerCannotBeAnswered() async {
        // A reply goes to the caller; a message from an ingress has none, so the call fails.
        await #expect(throws: StateFunError.self) {
            _ = try await invocation(InventoryFunction.typeName, "apple").state(InventoryFunction.stock, 9)
                .invoke(with: ReserveItem(quantity: 1))
        }
    }

    @Test func aGrantedReservationStartsItsTimeout() async throws {
        let result = try await invocation(CartFunction.typeName, "ann")
            .caller(InventoryFunction.address("apple"))
            .invoke(with: ReservationResult(item: "apple", quantity: 2, reservationID: "apple#3", available: 0))
        let line = CartLine(item: "apple", quantity: 2, reservationID: "apple#3")
        #expect(result.state(CartFunction.cart) == Cart(lines: [line]))
        let timeout = try #require(result.delayedMessages.first)
        #expect(result.delayedMessages.count == 1)
        #expect(timeout.target == CartFunction.address("ann"))
        #expect(timeout.delay == CartFunction.reservationHold)
        #expect(timeout.cancellationToken == "apple#3")
        #expect(timeout.value(as: ReservationTimeout.self) == ReservationTimeout(line: line))
    }

    @Test func checkoutCancelsEveryTimeoutAndHandsTheLinesOn() async throws {
        let lines = [
            CartLine(item: "apple", quantity: 2, reservationID: "apple#3"),
            CartLine(item: "bread", quantity: 1, reservationID: "bread#1"),
        ]
        let result = try await invocation(CartFunction.typeName, "ann")
            .state(CartFunction.cart, Cart(lines: lines))
            .invoke(with: Checkout())
        #expect(result.cancelledTokens == ["apple#3", "bread#1"])
        #expect(result.sentValues(CheckoutRequest.self, to: CheckoutFunction.address("ann")) == [CheckoutRequest(lines: lines)])
        #expect(result.changedStates == ["cart"])
        #expect(result.stateValues["cart"] == nil)
    }

    @Test func theCheckoutBillsWritesTheReceiptAndReplies() async throws {
        let lines = [
            CartLine(item: "coffee", quantity: 2, reservationID: "coffee#1"),
            CartLine(item: "tea", quantity: 1, reservationID: "tea#4"),
        ]
        let result = try await invocation(CheckoutFunction.typeName, "ann")
            .state(CheckoutFunction.orders, 1)
            .caller(CartFunction.address("ann"))
            .invoke(with: CheckoutRequest(lines: lines))
        #expect(result.sentValues(CheckoutResult.self, to: CartFunction.address("ann")) == [
            CheckoutResult(orderID: "ann-2", totalCents: 2 * 899 + 100)
        ])
        let record = try #require(result.egressRecords.first)
        #expect(record.egress == Shop.receipts.id)
        #expect(record.topic == "receipts")
        #expect(try record.value(as: Receipt.self).totalCents == 1898)
    }

    @Test func aBillThatWouldOverflowFailsTheCall() async {
        await #expect(throws: StateFunError.self) {
            _ = try await invocation(CheckoutFunction.typeName, "ann")
                .caller(CartFunction.address("ann"))
                .invoke(with: CheckoutRequest(lines: [CartLine(item: "coffee", quantity: .max, reservationID: "x")]))
        }
    }
}
