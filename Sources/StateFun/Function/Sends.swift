/// Declares the functions this function's handlers send messages to: with `Emits` for egresses, the function's
/// routing, which the app's graph (`describe --dot`) draws and every mode enforces.
///
/// ```swift
/// let cart = Function("shop/cart") {
///     Handle(AddToCart.self) { context, add in try context.send(ReserveItem(…), to: inventory(add.item)) }
///     Sends(inventory, checkout)
///     Emits(events)
/// }
/// ```
///
/// Once a function declares any routing (a `Sends` or an `Emits`, even an empty one), a send to a function it
/// does not name, or a write to an egress it does not name, throws ``StateFunError/undeclaredSend(function:target:)``
/// or ``StateFunError/undeclaredEgress(function:egress:)`` at once, in a test, the local runtime, `dev` and
/// `serve` alike; the runtime does not retry it. Always allowed without a declaration: a reply
/// (``Context/reply(_:)-(V)``, or any send to the current message's caller) and a send to the function's own
/// type (a delayed message to itself). A function that declares no routing is not checked, so apps written
/// before `Sends` existed keep running (`describe` marks it "routing not declared"); `Sends()` declares that a
/// function sends to no other function.
///
/// Two functions that name each other in `Sends` need one of their types written out (as for typed sends between
/// them); the references themselves are read when the app is built, so neither needs the other initialized first.
///
/// ``App/validate()`` checks that every named function exists: declared in the app, or covered by an
/// ``Endpoint`` that serves none of the app's functions (a function served elsewhere, by typename).
public struct Sends: FunctionComponent {
    /// The targets, read when the app is built.
    let targets: [@Sendable () -> TypeName]

    /// Declares that the handlers send to these function types: functions served elsewhere (another app,
    /// another SDK), or any function by its typename. `Sends()` declares that the function sends to none.
    public init(_ functions: TypeName...) {
        targets = functions.map { function in { function } }
    }

    /// Declares that the handlers send to a function of this app, by reference. The reference is read when the app
    /// is built, not here, so two functions can name each other (`cart` sends to `inventory`, which sends back).
    public init<A>(_ function: @autoclosure @escaping @Sendable () -> Function<A>) {
        targets = [{ function().typeName }]
    }

    /// Declares that the handlers send to 2 functions of this app, by reference (read when the app is built; a
    /// fifth goes in another `Sends`).
    public init<A, B>(_ first: @autoclosure @escaping @Sendable () -> Function<A>, _ second: @autoclosure @escaping @Sendable () -> Function<B>) {
        targets = [{ first().typeName }, { second().typeName }]
    }

    /// Declares that the handlers send to 3 functions of this app, by reference (read when the app is built; a
    /// fifth goes in another `Sends`).
    public init<A, B, C>(_ first: @autoclosure @escaping @Sendable () -> Function<A>, _ second: @autoclosure @escaping @Sendable () -> Function<B>, _ third: @autoclosure @escaping @Sendable () -> Function<C>) {
        targets = [{ first().typeName }, { second().typeName }, { third().typeName }]
    }

    /// Declares that the handlers send to 4 functions of this app, by reference (read when the app is built; a
    /// fifth goes in another `Sends`).
    public init<A, B, C, D>(_ first: @autoclosure @escaping @Sendable () -> Function<A>, _ second: @autoclosure @escaping @Sendable () -> Function<B>, _ third: @autoclosure @escaping @Sendable () -> Function<C>, _ fourth: @autoclosure @escaping @Sendable () -> Function<D>) {
        targets = [{ first().typeName }, { second().typeName }, { third().typeName }, { fourth().typeName }]
    }

    /// Adds this component to the function being declared.
    @_documentation(visibility: internal)
    public func contribute(to draft: inout FunctionDefinitionDraft) {
        draft.definition.declaresRouting = true
        draft.sendTargets.append(contentsOf: targets)
    }
}
