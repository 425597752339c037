// Every form typed function references accept: TypedReferenceCompileTests type-checks this file against the
// StateFun module (it must compile with no diagnostic), reads the type of the integer literals marked
// `// literal: T` from the typed AST, and CI's type-check budget step (.ci/steps.d/samples/25-typecheck-budget.sh)
// type-checks it with -warn-long-expression-type-checking=200.
import StateFun
import StateFunTesting

struct User: JSONType { static let typeName: TypeName = "t/user"; var name = "" }
struct Admin: JSONType { static let typeName: TypeName = "t/admin"; var name = "" }
struct Guest: JSONType { static let typeName: TypeName = "t/guest"; var name = "" }

let seen = ValueSpec<Int64>("seen")
let greets = KafkaEgress(id: "t/greets", address: "kafka:9092")
let flag = true
let delay = Duration.seconds(1)

// Handlers mixed with other components: both handled types are accepted, in body order.
let hello = Function("t/hello") {
    seen
    Handle(User.self) { context, user in
        try context.send(Guest(name: user.name), to: guest(user.name))
        try context.send(5, to: counter(user.name))  // literal: Int64
        try context.send(6, to: counter(user.name), after: delay, cancellationToken: "t")  // literal: Int64
        try context.send(7, to: anything(user.name))  // literal: Int
        try context.send(Admin(), to: anything(user.name))
        try context.send(Admin(), to: anything(user.name), after: .seconds(1))
        try context.send(Admin(), to: flow(user.name).address)  // the untyped address takes anything
        try context.send(User(), to: context.address)
    }
    Sends(guest, counter, anything, flow)
    Emits(greets)
    Handle(Guest.self) { _, _ in }
}
let guest = Function("t/guest") { Handle(Guest.self) { _, _ in } }
let counter = Function("t/counter") {
    Handle(String.self) { _, _ in }
    Handle(Int64.self) { _, _ in }
}
// Two functions that send to each other: one of them writes its type out, or inferring either is circular.
let anything: Function<HandlesAnything> = Function("t/any") {
    Handle(User.self) { _, _ in }
    Otherwise { context, message in try context.send(message, to: hello(context.address.id)) }
    Sends(hello)
    Sends("t/served-elsewhere")
}
// Control flow keeps working; handlers inside it are declared but not counted as accepted.
let flow = Function("t/flow") {
    if flag { Handle(Admin.self) { _, _ in } }
    if flag { seen } else { Emits(greets) }
    switch flag {
    case true: Emits(greets)
    case false: Handle(Admin.self) { _, _ in }
    }
    for _ in 0..<2 { Emits(greets) }
    Handle(User.self) { _, _ in }
}
// Eight handlers: a send matches each position.
struct T1: JSONType { static let typeName: TypeName = "t/1" }
struct T2: JSONType { static let typeName: TypeName = "t/2" }
struct T3: JSONType { static let typeName: TypeName = "t/3" }
struct T4: JSONType { static let typeName: TypeName = "t/4" }
struct T5: JSONType { static let typeName: TypeName = "t/5" }
struct T6: JSONType { static let typeName: TypeName = "t/6" }
struct T7: JSONType { static let typeName: TypeName = "t/7" }
let wide = Function("t/wide") {
    Handle(T1.self) { _, _ in }
    Handle(T2.self) { _, _ in }
    Handle(T3.self) { _, _ in }
    Handle(T4.self) { _, _ in }
    Handle(T5.self) { _, _ in }
    Handle(T6.self) { _, _ in }
    Handle(T7.self) { _, _ in }
    Handle(Double.self) { _, _ in }
}
let empty = Function("t/empty") {}
// The type argument is inferred; a helper writes it out, or returns it opaquely (then sends use `.address`).
let annotated: Function = Function("t/annotated") { Handle(User.self) { _, _ in } }
func make(_ name: TypeName) -> Function<Handles<User>> { Function(name) { Handle(User.self) { _, _ in } } }
func makeOpaque(_ name: TypeName) -> Function<some FunctionBody> { Function(name) { Handle(User.self) { _, _ in } } }
func components() -> [any FunctionComponent] { [seen, Emits(greets)] }
let helped = Function("t/helped") {
    components()
    Handle(User.self) { _, _ in }
}

func sends(_ context: Context, message: Message) throws {
    try context.send(T1(), to: wide("x"))
    try context.send(T2(), to: wide("x"))
    try context.send(T3(), to: wide("x"))
    try context.send(T4(), to: wide("x"))
    try context.send(T5(), to: wide("x"))
    try context.send(T6(), to: wide("x"))
    try context.send(T7(), to: wide("x"))
    try context.send(8, to: wide("x"))  // literal: Double
    try context.send(T7(), to: wide("x"), after: .seconds(1))
    try context.send(T3(), to: wide("x"), metadata: [MetadataEntry(key: "k", utf8: "v")])
    try context.send(9, to: counter("x"), metadata: [])  // literal: Int64
    try context.send(Admin(), to: anything("x"), metadata: [])
    try context.send(message, to: hello("x"))
    try context.send(message, to: empty("x"), after: .seconds(1))
    try context.send(User(), to: annotated("x"))
    try context.send(User(), to: make("t/made")("x"))
    try context.send(User(), to: makeOpaque("t/opaque")("x").address)
    try context.send(User(), to: helped("x"))
    let typed: FunctionAddress<Handles<User, Guest>> = hello("y")
    try context.send(Guest(), to: typed)
}

let app = App {
    hello; guest; counter; anything; flow; wide; empty; annotated; helped
    make("t/made")
    makeOpaque("t/opaque")
    Function("t/inline") { Handle(User.self) { _, _ in } }
    KafkaIngress(id: "t/users", address: "kafka:9092") {
        KafkaTopic("users", valueType: User.self, targets: hello)
        KafkaTopic("guests", valueType: Guest.self, targets: hello)
        KafkaTopic("admins", valueType: Admin.self, targets: anything)
        KafkaTopic("names", valueType: User.self, targets: "t/hello", "t/any")
    }
    KinesisIngress(id: "t/streams") {
        KinesisStream("doubles", valueType: Double.self, targets: wide)
    }
    greets
}

// Where an Address is taken, a typed address is too.
func runtime() async throws {
    let runtime = LocalRuntime.forTesting(app: app)
    try runtime.send(User(), to: hello("ann"))
    try await runtime.sendAndWait(Admin(), to: anything("ann"))
    _ = try runtime.state(seen, of: hello("ann"))
    _ = runtime.value(seen, of: hello("ann"))
    let result = try await TestInvocation(app: app, function: hello, id: "ann").caller(guest("bob")).invoke(with: User())
    _ = result.sentValues(Guest.self, to: guest("ann"))
}
