public import StateFun

public enum Mistakes {
    public static let greets = KafkaEgress(id: "example/greets", address: "kafka:9092")

    /// A typo in an ingress target.
    public static let typoTarget = App {
        Function("example/greeter") { Handle(String.self) { _, _ in } }
        KafkaIngress(id: "example/names", address: "kafka:9092") {
            KafkaTopic("names", valueType: String.self, targets: "example/greter")
        }
    }

    /// A state name with a '-'.
    public static let dashedState = App {
        Function("example/greeter") {
            ValueSpec<Int32>("seen-count")
            Handle(String.self) { _, _ in }
        }
    }

    /// A write to an egress the app does not declare (by id, with a typo), from a function that declares none.
    public static let undeclaredEgress = App {
        Function("example/greeter") {
            Handle(String.self) { context, name in try context.send(Egress(id: "example/greet").record(name)) }
        }
        greets
    }

    /// A write to an egress the function does not list, from a function that declares its routing.
    public static let unlistedEgress = App {
        Function("example/greeter") {
            Handle(String.self) { context, name in
                try context.send(Egress(id: "example/audit").record(name))
            }
            Emits(greets)
        }
        greets
        KafkaEgress(id: "example/audit", address: "kafka:9092")
    }

    /// A message of the wrong type sent by untyped address to a function that has no handler for it.
    public static let wrongType = App {
        Function("example/sender") {
            Handle(String.self) { context, name in try context.send(Int64(5), to: Address("example/hello", id: name)) }
        }
        Function("example/hello") { Handle(String.self) { _, _ in } }
    }

    /// A send to a function the sender does not list, from a function that declares its routing.
    public static let unlistedSend = App {
        Function("example/sender") {
            Handle(String.self) { context, name in try context.send(name, to: Address("example/hello", id: name)) }
            Sends("example/printer")
        }
        Function("example/hello") { Handle(String.self) { _, _ in } }
        Function("example/printer") { Handle(String.self) { _, _ in } }
    }

    /// A typo in a declared send target.
    public static let sendsTypo = App {
        Function("example/sender") {
            Handle(String.self) { _, _ in }
            Sends("example/helo")
        }
        Function("example/hello") { Handle(String.self) { _, _ in } }
    }
}
