// Mistakes typed function references turn into compile errors: TypedReferenceCompileTests type-checks this file
// against the StateFun module and expects, on each line marked `// expected-error: TEXT`, an error containing TEXT,
// and no error anywhere else.
import StateFun

struct User: JSONType { static let typeName: TypeName = "t/user"; var name = "" }
struct Admin: JSONType { static let typeName: TypeName = "t/admin"; var name = "" }
struct Guest: JSONType { static let typeName: TypeName = "t/guest"; var name = "" }

let flag = true
let hello = Function("t/hello") {
    Handle(User.self) { _, _ in }
    Handle(Guest.self) { _, _ in }
}
let counter = Function("t/counter") { Handle(Int64.self) { _, _ in } }
let conditional = Function("t/conditional") {
    if flag { Handle(Admin.self) { _, _ in } }
    Handle(User.self) { _, _ in }
}
let empty = Function("t/empty") {}
func makeOpaque() -> Function<some FunctionBody> { Function("t/opaque") { Handle(User.self) { _, _ in } } }

func sends(_ context: Context, count: Int) throws {
    try context.send(User(), to: hello("ok"))
    try context.send(Admin(name: "root"), to: hello("user1"))  // expected-error: 'send(_:to:)' is unavailable: the target function has no Handle for this message type
    try context.send(Admin(), to: hello("a"), after: .seconds(1))  // expected-error: 'send(_:to:after:cancellationToken:)' is unavailable: the target function has no Handle
    try context.send(Admin(), to: conditional("a"))  // expected-error: no Handle for this message type
    try context.send(5, to: hello("a"))  // expected-error: no Handle for this message type
    try context.send(count, to: counter("a"))  // expected-error: no Handle for this message type
    try context.send(User(), to: empty("a"))  // expected-error: no Handle for this message type
    try context.send(User(), to: makeOpaque()("a"))  // expected-error: no Handle for this message type
    try context.send(Admin(), to: hello("a"), metadata: [])  // expected-error: 'send(_:to:metadata:)' is unavailable: the target function has no Handle
}

let topics = KafkaIngress(id: "t/in", address: "kafka:9092") {
    KafkaTopic("users", valueType: User.self, targets: hello)
    KafkaTopic("admins", valueType: Admin.self, targets: hello)  // expected-error: 'init(_:valueType:targets:)' is unavailable: the target function has no Handle for this valueType
}
let streams = KinesisIngress(id: "t/streams") {
    KinesisStream("admins", valueType: Admin.self, targets: conditional)  // expected-error: no Handle for this valueType
}

func helper() -> Function { hello }  // expected-error: reference to generic type 'Function' requires arguments in <...>
