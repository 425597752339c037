// Issue 17's first mistake, made by a user: a message or an ingress value of a type the target function has no
// Handle for. Each line marked `// expected-error: TEXT` must fail to compile with an error containing TEXT, and
// no other line may (.ci/steps.d/samples/26-deliberate-mistakes.sh).
import StateFun

struct User: JSONType { static let typeName: TypeName = "example/User"; var name = "" }
struct Admin: JSONType { static let typeName: TypeName = "example/Admin"; var name = "" }

let hello = Function("example/hello") { Handle(User.self) { _, _ in } }

func handler(_ context: Context) throws {
    try context.send(User(name: "ann"), to: hello("user1"))      // compiles
    try context.send(Admin(name: "root"), to: hello("user1"))  // expected-error: 'send(_:to:)' is unavailable: the target function has no Handle for this message type
    try context.send(Admin(name: "root"), to: hello("user1"), after: .seconds(1))  // expected-error: 'send(_:to:after:cancellationToken:)' is unavailable
    try context.send(Admin(name: "root"), to: hello("user1"), metadata: [])  // expected-error: 'send(_:to:metadata:)' is unavailable
}

let app = App {
    hello
    KafkaIngress(id: "example/in", address: "kafka:9092") {
        KafkaTopic("users", valueType: User.self, targets: hello)    // compiles
        KafkaTopic("admins", valueType: Admin.self, targets: hello)  // expected-error: no Handle for this valueType
    }
}
