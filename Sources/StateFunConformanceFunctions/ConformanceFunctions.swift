package import StateFun

/// The functions of `../shared/oracle/oracle_v3.py` and `oracle_v2.py`, declared through the public API only.
/// Each one does what its Python original does, effect for effect and in the same order.
package enum ConformanceFunctions {
    package static let greets: TypeName = "example/greets"
    package static let kafka: TypeName = "example/kafka"
    package static let kinesis: TypeName = "example/kinesis"
    // The handles the functions send through. The oracle's module declares no egress (its tests read the records
    // from the responses), so these are handles only: the Kafka and Kinesis settings are never rendered.
    static let greetsEgress = Egress(id: greets)
    static let kafkaEgress = KafkaEgress(id: kafka, address: "kafka:9092")
    static let kinesisEgress = KinesisEgress(id: kinesis)

    // MARK: 3.x

    package static let seen = ValueSpec<Int32>("seen")
    package static let visits = ValueSpec<Int64>("visits", expireAfterCall: .seconds(5 * 60))
    package static let profile = ValueSpec<Profile>("profile", expireAfterWrite: .seconds(60 * 60))
    package static let scratch = ValueSpec<String>("scratch")

    package static func appV3() -> App {
        App {
            Function("example/greeter") {
                seen
                Otherwise { context, message in try greet(context, message) }
            }
            Function("example/async-greeter") {
                seen
                Otherwise { context, message in
                    await Task.yield()
                    try greet(context, message)
                }
            }
            Function("example/features") {
                visits
                profile
                scratch
                Otherwise { context, message in try features(context, message) }
            }
        }
    }

    /// Python: `name = msg.as_string()` (None without a value), `seen += 1`, reply to the caller if any,
    /// and the same text to the egress `example/greets`.
    package static func greet(_ context: Context, _ message: Message) throws {
        let name = try message.payload.map(String.deserialize(from:))
        let count = try increment(try context.storage.get(seen) ?? 0)
        try context.storage.set(seen, count)
        let text = "Hello \(name ?? "None")! seen=\(count)"
        if let caller = context.caller { try context.send(text, to: caller) }
        try greetsEgress.send(text, in: context)
    }

    package static func features(_ context: Context, _ message: Message) throws {
        try context.storage.set(visits, try increment(try context.storage.get(visits) ?? 0))
        var current = try context.storage.get(profile).flatMap { $0.isTruthy ? $0 : nil } ?? Profile(id: context.address.id)
        try current.appendEvent(message.typeName)
        try context.storage.set(profile, current)
        try context.storage.delete(scratch)
        let me = context.address
        try context.send("reminder", to: me, after: .seconds(90), cancellationToken: "tok-" + me.id)
        try context.send("later", to: Address("example/greeter", id: me.id), after: .milliseconds(1500))
        try context.cancelDelayedMessage("tok-stale")
        try context.send(current, to: Address("example/stats", id: "all"))
        try context.send(0.25, to: Address("example/stats", id: "doubles"))
        let count = try context.storage.get(visits) ?? 0
        try context.send(kafkaEgress.record(topic: "greetings", key: me.id, value: .string("visits=\(count)")))
        try context.send(kafkaEgress.record(topic: "ints", value: 7))
        try context.send(
            kinesisEgress.record(
                stream: "stream-1", partitionKey: me.id, explicitHashKey: "1234",
                value: .bytes([0x00, 0x01] + Array("raw".utf8))))
    }

    // MARK: 2.x

    package static let seenV2 = ValueSpec<Int32>("seen")
    package static let visitsV2 = ValueSpec<Int64>("visits")
    package static let scratchV2 = ValueSpec<String>("scratch")

    package static func appV2() -> App {
        App {
            Function("example/greeter") {
                seenV2
                Handle(String.self) { context, name in
                    let count = try increment(try context.storage.get(seenV2) ?? 0)
                    try context.storage.set(seenV2, count)
                    let text = "Hello \(name)! seen=\(count)"
                    // 2.x: the Python oracle replies when the caller's namespace is set.
                    if let caller = context.caller, !caller.typeName.namespace.isEmpty { try context.reply(text) }
                    try greetsEgress.send(text, in: context)
                }
            }
            Function("example/features") {
                visitsV2
                scratchV2
                Otherwise { context, message in
                    let count = try increment(try context.storage.get(visitsV2) ?? 0)
                    try context.storage.set(visitsV2, count)
                    try context.storage.delete(named: "scratch")
                    let me = context.address
                    try context.send("reminder", to: Address("example/features", id: me.id), after: .seconds(90))
                    try context.send(message, to: Address("example/stats", id: "all"))
                    try context.send(
                        kafkaEgress.record(topic: "greetings", key: me.id, value: .typed("visits=\(count)")))
                    try context.send(
                        kinesisEgress.record(
                            stream: "stream-1", partitionKey: me.id, explicitHashKey: "1234", value: .typed(count)))
                }
            }
        }
    }

    /// `n + 1`, failing (as Python's protobuf does for an out-of-range wrapper value) instead of overflowing.
    package static func increment<N: FixedWidthInteger>(_ n: N) throws -> N {
        let (next, overflow) = n.addingReportingOverflow(1)
        if overflow { throw StateFunError.serializationFailed(typeName: "\(N.self)", reason: "\(n) + 1 is out of range") }
        return next
    }
}
