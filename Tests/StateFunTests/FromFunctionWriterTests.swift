import StateFun
import StateFunProtocol
import StateFunWire
import Testing

/// The response writer (`FromFunctionWriter`, what the handler answers with) and the model (`FromFunction`,
/// what the embedded runtime and the tests read) must agree: for random effects in both protocol versions, the
/// writer's bytes are the model's encoding of the same answer, and decode as that answer.
@Suite struct FromFunctionWriterTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Failure: Error {}

    /// One effect, as the test draws it and as it goes into both the writer and the model.
    enum Effect {
        case message(Address, typeName: String, hasValue: Bool, bytes: [UInt8], viaRun: Bool)
        case delayed(Address, delay: Int64, token: String, typeName: String, hasValue: Bool, bytes: [UInt8])
        case cancellation(token: String)
        case egress(TypeName, typeName: String, hasValue: Bool, bytes: [UInt8], viaRun: Bool)
        case kafka(TypeName, topic: String, key: String, bytes: [UInt8])
        case kinesis(TypeName, stream: String, partitionKey: String, hashKey: String, bytes: [UInt8])
    }

    enum Mutation {
        case modify(String, typeName: String, bytes: [UInt8])
        case delete(String)
    }

    /// Short and long (over 127 bytes, so lengths take two varint bytes), ASCII and not, sometimes empty.
    static func text(_ rng: inout SplitMix) -> String {
        let pieces = ["", "a", "greeter", "ünïcode", "example/x", String(repeating: "long-", count: 40)]
        return (0..<Int.random(in: 0...2, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func bytes(_ rng: inout SplitMix) -> [UInt8] {
        let count = [0, 1, 5, 130, 300].randomElement(using: &rng)!
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func address(_ rng: inout SplitMix) -> Address {
        Address(TypeName(namespace: text(&rng), name: text(&rng)), id: text(&rng))
    }

    static func effect(_ rng: inout SplitMix, _ version: FromFunctionWriter.Version) -> Effect {
        let hasValue = version == .v2 || Bool.random(using: &rng)
        let value = hasValue ? bytes(&rng) : []
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            return .message(
                address(&rng), typeName: text(&rng), hasValue: hasValue, bytes: value,
                viaRun: version == .v3 && hasValue && Bool.random(using: &rng))
        case 1:
            return .delayed(
                address(&rng), delay: Int64.random(in: 0...100_000, using: &rng), token: text(&rng),
                typeName: text(&rng), hasValue: hasValue, bytes: value)
        case 2: return .cancellation(token: text(&rng))
        case 3:
            return .egress(
                TypeName(namespace: text(&rng), name: text(&rng)), typeName: text(&rng), hasValue: hasValue,
                bytes: value, viaRun: version == .v3 && hasValue && Bool.random(using: &rng))
        case 4:
            return .kafka(
                TypeName(namespace: text(&rng), name: text(&rng)), topic: text(&rng), key: text(&rng),
                bytes: bytes(&rng))
        default:
            return .kinesis(
                TypeName(namespace: text(&rng), name: text(&rng)), stream: text(&rng), partitionKey: text(&rng),
                hashKey: text(&rng), bytes: bytes(&rng))
        }
    }

    /// Writes `effect`; a failing value is tried first, which must leave nothing behind.
    static func write(_ effect: Effect, to writer: inout FromFunctionWriter) throws {
        let fail: (inout WireWriter) throws(any Error) -> Void = { writer throws(any Error) in
            writer.writeRaw([1, 2, 3])
            throw Failure()
        }
        if case .cancellation = effect {} else {
            #expect(throws: Failure.self) { try write(effect, to: &writer, value: fail) }
        }
        try write(effect, to: &writer, value: nil)
    }

    static func write(
        _ effect: Effect, to writer: inout FromFunctionWriter, value failing: ((inout WireWriter) throws(any Error) -> Void)?
    ) throws {
        func value(_ bytes: [UInt8]) -> (inout WireWriter) throws(any Error) -> Void {
            failing ?? { $0.writeRaw(bytes) }
        }
        switch effect {
        case .message(let target, let typeName, let hasValue, let bytes, let viaRun):
            if viaRun {
                let marks = writer.beginMessage(to: target.wireFields, typeName: typeName)
                try writer.endMessage(marks, value: value(bytes))
            } else {
                try writer.writeMessage(
                    to: target.wireFields, typeName: typeName, hasValue: hasValue, value: value(bytes))
            }
        case .delayed(let target, let delay, let token, let typeName, let hasValue, let bytes):
            try writer.writeDelayedMessage(
                to: target.wireFields, delayInMs: delay, cancellationToken: token, typeName: typeName,
                hasValue: hasValue, value: value(bytes))
        case .cancellation(let token):
            if failing == nil { writer.writeCancellation(token: token) }
        case .egress(let egress, let typeName, let hasValue, let bytes, let viaRun):
            if viaRun {
                let marks = writer.beginEgressMessage(namespace: egress.namespace, type: egress.name, typeName: typeName)
                try writer.endEgressMessage(marks, value: value(bytes))
            } else {
                try writer.writeEgressMessage(
                    namespace: egress.namespace, type: egress.name, typeName: typeName, hasValue: hasValue,
                    value: value(bytes))
            }
        case .kafka(let egress, let topic, let key, let bytes):
            try writer.writeKafkaRecord(
                egressNamespace: egress.namespace, egressType: egress.name, topic: topic, key: key, value: value(bytes))
        case .kinesis(let egress, let stream, let partitionKey, let hashKey, let bytes):
            try writer.writeKinesisRecord(
                egressNamespace: egress.namespace, egressType: egress.name, stream: stream, partitionKey: partitionKey,
                explicitHashKey: hashKey, value: value(bytes))
        }
    }

    /// The same answer as the model, generic over the version's payloads.
    static func model<Argument, StateValue>(
        _ effects: [Effect], _ mutations: [Mutation], argument: (String, Bool, [UInt8]) -> Argument,
        stateValue: (String, [UInt8]) -> StateValue?, kafkaTypeName: String, kinesisTypeName: String
    ) -> FromFunction<Address, Argument, StateValue> {
        typealias Model = FromFunction<Address, Argument, StateValue>
        var result = Model.InvocationResponse()
        for mutation in mutations {
            switch mutation {
            case .modify(let name, let typeName, let bytes):
                result.stateMutations.append(
                    .init(mutationType: .modify, stateName: name, stateValue: stateValue(typeName, bytes)))
            case .delete(let name):
                result.stateMutations.append(.init(mutationType: .delete, stateName: name))
            }
        }
        for effect in effects {
            switch effect {
            case .message(let target, let typeName, let hasValue, let bytes, _):
                result.outgoingMessages.append(.init(target: target, argument: argument(typeName, hasValue, bytes)))
            case .delayed(let target, let delay, let token, let typeName, let hasValue, let bytes):
                result.delayedInvocations.append(
                    .init(
                        delayInMs: delay, target: target, argument: argument(typeName, hasValue, bytes),
                        cancellationToken: token))
            case .cancellation(let token):
                result.delayedInvocations.append(.init(isCancellationRequest: true, cancellationToken: token))
            case .egress(let egress, let typeName, let hasValue, let bytes, _):
                result.outgoingEgresses.append(
                    .init(
                        egressNamespace: egress.namespace, egressType: egress.name,
                        argument: argument(typeName, hasValue, bytes)))
            case .kafka(let egress, let topic, let key, let bytes):
                let record = KafkaProducerRecord(key: key, valueBytes: bytes, topic: topic).serialized()
                result.outgoingEgresses.append(
                    .init(
                        egressNamespace: egress.namespace, egressType: egress.name,
                        argument: argument(kafkaTypeName, true, record)))
            case .kinesis(let egress, let stream, let partitionKey, let hashKey, let bytes):
                let record = KinesisEgressRecord(
                    partitionKey: partitionKey, valueBytes: bytes, stream: stream, explicitHashKey: hashKey
                ).serialized()
                result.outgoingEgresses.append(
                    .init(
                        egressNamespace: egress.namespace, egressType: egress.name,
                        argument: argument(kinesisTypeName, true, record)))
            }
        }
        // No effects and no mutations: the oneof stays unset (an empty body).
        return effects.isEmpty && mutations.isEmpty ? Model() : Model(response: .invocationResult(result))
    }

    @Test(arguments: [FromFunctionWriter.Version.v3, .v2])
    func theWritersBytesAreTheModelsEncodingOfTheSameAnswer(version: FromFunctionWriter.Version) throws {
        var rng = SplitMix(state: version == .v3 ? 31 : 32)
        for round in 0..<300 {
            let effects = (0..<Int.random(in: 0...6, using: &rng)).map { _ in Self.effect(&rng, version) }
            let mutations: [Mutation] = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                Bool.random(using: &rng)
                    ? .modify(Self.text(&rng), typeName: Self.text(&rng), bytes: Self.bytes(&rng))
                    : .delete(Self.text(&rng))
            }
            var writer = FromFunctionWriter(version, messages: WireWriter(capacity: 0))
            for effect in effects { try Self.write(effect, to: &writer) }
            let written = try #require(
                writer.response(limit: .max) { mutation in
                    for m in mutations {
                        switch m {
                        case .modify(let name, let typeName, let bytes):
                            mutation(.init(stateName: name, typeName: typeName, bytes: bytes[...]))
                        case .delete(let name): mutation(.init(deleting: name))
                        }
                    }
                })
            switch version {
            case .v3:
                let model = Self.model(
                    effects, mutations, argument: { TypedValue(typename: $0, hasValue: $1, value: $2) },
                    stateValue: { TypedValue(typename: $0, hasValue: true, value: $1) },
                    kafkaTypeName: KafkaProducerRecord.typeNameV3, kinesisTypeName: KinesisEgressRecord.typeNameV3)
                #expect(written == model.serialized(), "round \(round)")
                #expect(try FromFunctionV3(serialized: written) == model, "round \(round)")
            case .v2:
                let model = Self.model(
                    effects, mutations, argument: { typeName, _, bytes in AnyValue(typeURL: typeName, value: bytes) },
                    // Opaque bytes with implicit presence: an empty Any is no state value at all.
                    stateValue: { typeName, bytes in
                        let any = AnyValue(typeURL: typeName, value: bytes).serialized()
                        return any.isEmpty ? nil : StateBytes(any)
                    },
                    kafkaTypeName: KafkaProducerRecord.typeURLV2, kinesisTypeName: KinesisEgressRecord.typeURLV2)
                #expect(written == model.serialized(), "round \(round)")
                #expect(try FromFunctionV2(serialized: written) == model, "round \(round)")
            }
        }
    }

    /// The writer counts each kind of effect as it writes it (the metrics read these counts, not the bytes): a
    /// value that throws leaves no count, a rollback takes its effects' counts back, and the counts always match
    /// the answer decoded by the model.
    @Test(arguments: [FromFunctionWriter.Version.v3, .v2])
    func theWritersCountsAreTheEffectsItsAnswerHolds(version: FromFunctionWriter.Version) throws {
        var rng = SplitMix(state: version == .v3 ? 41 : 42)
        for round in 0..<200 {
            var writer = FromFunctionWriter(version, messages: WireWriter(capacity: 0))
            var checkpoint: FromFunctionWriter.Checkpoint?
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                let effect = Self.effect(&rng, version)
                switch Int.random(in: 0..<6, using: &rng) {
                case 0:
                    // Only a value that throws: nothing stays written, nothing is counted (a cancellation has no value).
                    if case .cancellation = effect { continue }
                    #expect(throws: Failure.self) {
                        try Self.write(effect, to: &writer) { (_: inout WireWriter) throws(any Error) in throw Failure() }
                    }
                case 1:
                    checkpoint = writer.checkpoint
                    try Self.write(effect, to: &writer)
                case 2:
                    if let checkpoint { writer.rollBack(to: checkpoint) }
                    checkpoint = nil
                default:
                    try Self.write(effect, to: &writer)
                }
            }
            let counts = (
                writer.messageCount, writer.delayedMessageCount, writer.cancellationCount, writer.egressRecordCount
            )
            let written = try #require(writer.response(limit: .max) { _ in })
            let decoded =
                switch version {
                case .v3: Self.effectCounts(try FromFunctionV3(serialized: written))
                case .v2: Self.effectCounts(try FromFunctionV2(serialized: written))
                }
            #expect(counts == decoded, "round \(round)")
            var tallied = (0, 0, 0, 0)
            EffectTally.read(&writer) { tally, _ in
                tallied = (
                    tally.messages, tally.delayedMessages, tally.cancellations, tally.egressCounts.reduce(0) { $0 + $1.count }
                )
            }
            #expect(tallied == decoded, "round \(round)")
        }
    }

    /// Messages, delayed messages, cancellations and egress records of a decoded answer (none without a result).
    static func effectCounts<Target, Argument, StateValue>(
        _ answer: FromFunction<Target, Argument, StateValue>
    ) -> (Int, Int, Int, Int) {
        guard case .invocationResult(let result)? = answer.response else { return (0, 0, 0, 0) }
        return (
            result.outgoingMessages.count, result.delayedInvocations.count { !$0.isCancellationRequest },
            result.delayedInvocations.count { $0.isCancellationRequest }, result.outgoingEgresses.count
        )
    }

    @Test func anAnswerOverTheLimitIsRefusedAndOneAtTheLimitIsWritten() throws {
        var writer = FromFunctionWriter(.v3)
        try writer.writeMessage(to: ("ns", "f", "1"), typeName: "t/x") { $0.writeRaw([UInt8](repeating: 7, count: 50)) }
        let full = try #require(writer.response(limit: .max) { _ in })
        #expect(writer.response(limit: full.count) { _ in } == full)
        #expect(writer.response(limit: full.count - 1) { _ in } == nil)
    }
}
