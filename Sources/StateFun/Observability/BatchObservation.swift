import StateFunWire
import Synchronization

/// One batch being watched by its function's ``FunctionProbe``: made when the handler knows the target (which
/// calls ``FunctionProbe/batchBegan(_:)``), ended exactly once with the answer or the error.
///
/// Exists only when the handler has instrumentation, so an uninstrumented handler pays one `nil` check per
/// batch. A class, so the run loops can note the failing invocation through the batch's ``Context``.
package final class BatchObservation {
    let probe: any FunctionProbe
    let event: BatchEvent
    /// Whether a probe asked for the invocation events (the run loop then takes the observed path).
    let observesInvocations: Bool
    private let start: ContinuousClock.Instant
    /// The invocation that failed and its message's typename, noted by the run loop (cold path only).
    private var failedIndex = -1
    private var failedTypeName = ""
    /// Invocations the failure policy dead-lettered or discarded (cold path only).
    private var skipped: [FailureReport] = []
    /// A number per batch of the process, pairing begin and end events.
    private static let sequence = Atomic<UInt64>(0)

    init(
        probe: any FunctionProbe, target: Address, size: Int, protocolVersion: ProtocolVersion, requestBytes: Int
    ) {
        self.probe = probe
        observesInvocations = probe.observesInvocations
        event = BatchEvent(
            sequence: Self.sequence.wrappingAdd(1, ordering: .relaxed).newValue, function: target.typeName,
            id: target.id, size: size, protocolVersion: protocolVersion, requestBytes: requestBytes)
        start = .now
        probe.batchBegan(event)
    }

    /// Notes that invocation `index`, whose message has `typeName`, failed.
    func noteFailure(at index: Int, typeName: String) {
        failedIndex = index
        failedTypeName = typeName
    }

    /// Notes that the failure policy skipped an invocation (dead-lettered or discarded it).
    func noteSkipped(_ report: FailureReport) {
        skipped.append(report)
    }

    /// The batch was answered with `answer` (its effects, or the missing-state handshake).
    func answered(_ answer: [UInt8]) {
        let duration = ContinuousClock.now - start
        let scan = AnswerScan(answer)
        if scan.missingStates.isEmpty {
            probe.batchEnded(
                event,
                BatchOutcome(
                    status: .success, duration: duration, skippedInvocations: skipped, effects: scan.effects,
                    responseBytes: answer.count))
        } else {
            probe.batchEnded(
                event,
                BatchOutcome(
                    status: .incompleteContext, duration: duration, missingStates: scan.missingStates,
                    responseBytes: answer.count))
        }
    }

    /// The batch failed with `error` (answered 500; the runtime retries it).
    func failed(_ error: StateFunError) {
        let duration = ContinuousClock.now - start
        let index = failedIndex >= 0 ? failedIndex : max(0, event.size - 1)
        let report = FailureReport(
            invocationIndex: index, messageTypeName: failedTypeName, error: Self.message(error),
            kind: FailureClassification.kind(of: error), action: .retry)
        probe.batchEnded(event, BatchOutcome(status: .failure, duration: duration, failure: report))
    }

    /// The error as an operator reads it: a handler's own error without the wrapper's function and id (the
    /// log line names them already).
    static func message(_ error: StateFunError) -> String {
        if case .handlerFailed(_, _, let underlying) = error { return String(describing: underlying) }
        return error.description
    }

    // MARK: - Invocations (only when a probe observes them)

    func invocationBegan(_ index: Int, caller: Address?, typeName: String, metadata: [MetadataEntry]) -> ContinuousClock.Instant {
        probe.invocationBegan(invocationEvent(index, caller, typeName, metadata))
        return .now
    }

    func invocationEnded(
        _ index: Int, caller: Address?, typeName: String, metadata: [MetadataEntry], since began: ContinuousClock.Instant,
        error: StateFunError?, action: FailureReport.Action = .retry
    ) {
        let failure = error.map { error in
            FailureReport(
                invocationIndex: index, messageTypeName: typeName, error: Self.message(error),
                kind: FailureClassification.kind(of: error), action: action)
        }
        probe.invocationEnded(
            invocationEvent(index, caller, typeName, metadata), InvocationOutcome(duration: .now - began, failure: failure))
    }

    private func invocationEvent(
        _ index: Int, _ caller: Address?, _ typeName: String, _ metadata: [MetadataEntry]
    ) -> InvocationEvent {
        InvocationEvent(
            batchSequence: event.sequence, function: event.function, id: event.id, index: index, caller: caller,
            messageTypeName: typeName, metadata: metadata)
    }
}

/// What an answer carries, read back from its bytes (`FromFunction`, protocol.md §1.3): the effect counts of an
/// `invocation_result` (100), or the state names of an `incomplete_invocation_context` (101). Reading the
/// answer keeps the counting off the send path: it costs one pass over the answer, only when instrumented.
struct AnswerScan {
    var effects = EffectCounts()
    var missingStates: [String] = []

    init(_ answer: [UInt8]) {
        var reader = WireReader(answer)
        do {
            while let tag = try reader.nextField() {
                switch tag.number {
                case 100: try reader.readMessage(tag) { (result: inout WireReader) throws(WireError) in
                        try Self.count(&result, in: answer, into: &effects)
                    }
                case 101: try reader.readMessage(tag) { (context: inout WireReader) throws(WireError) in
                        while let spec = try context.nextField() {
                            guard spec.number == 1 else {
                                try context.skip(spec)
                                continue
                            }
                            let name = try context.readMessage(spec) { (value: inout WireReader) throws(WireError) in
                                var name = ""
                                while let field = try value.nextField() {
                                    if field.number == 1 { name = try value.readString(field) } else { try value.skip(field) }
                                }
                                return name
                            }
                            missingStates.append(name)
                        }
                    }
                default: try reader.skip(tag)
                }
            }
        } catch {
            // The handler wrote these bytes; a malformed answer cannot happen. Counts so far stand.
        }
    }

    /// `InvocationResponse{state_mutations=1, outgoing_messages=2, delayed_invocations=3, outgoing_egresses=4}`.
    private static func count(
        _ result: inout WireReader, in answer: [UInt8], into effects: inout EffectCounts
    ) throws(WireError) {
        // Egress records of one egress usually follow each other: their namespace and type bytes are compared
        // with the previous record's and a typename is made once per run, not per record.
        var run: (namespace: Range<Int>, name: Range<Int>, count: Int)?
        while let tag = try result.nextField() {
            switch tag.number {
            case 2:
                effects.messages += 1
                try result.skip(tag)
            case 3:
                // DelayedInvocation{is_cancellation_request=10}: a cancellation or a delayed message.
                let cancellation = try result.readMessage(tag) { (delayed: inout WireReader) throws(WireError) in
                    var cancellation = false
                    while let field = try delayed.nextField() {
                        if field.number == 10 { cancellation = try delayed.readBool(field) } else { try delayed.skip(field) }
                    }
                    return cancellation
                }
                if cancellation { effects.cancellations += 1 } else { effects.delayedMessages += 1 }
            case 4:
                // EgressMessage{egress_namespace=1, egress_type=2}: where the two strings' bytes are.
                let (namespace, name) = try result.readMessage(tag) { (egress: inout WireReader) throws(WireError) in
                    var namespace = 0..<0
                    var name = 0..<0
                    while let field = try egress.nextField() {
                        switch field.number {
                        case 1: namespace = try egress.readBytesRange(field)
                        case 2: name = try egress.readBytesRange(field)
                        default: try egress.skip(field)
                        }
                    }
                    return (namespace, name)
                }
                if let current = run, answer[current.namespace] == answer[namespace], answer[current.name] == answer[name] {
                    run?.count += 1
                } else {
                    if let current = run { add(current, answer, to: &effects) }
                    run = (namespace, name, 1)
                }
            default:
                try result.skip(tag)
            }
        }
        if let current = run { add(current, answer, to: &effects) }
    }

    /// Counts `run.count` records of the egress whose namespace and type are those bytes of `answer`.
    private static func add(
        _ run: (namespace: Range<Int>, name: Range<Int>, count: Int), _ answer: [UInt8], to effects: inout EffectCounts
    ) {
        let egress = TypeName(
            namespace: String(decoding: answer[run.namespace], as: UTF8.self),
            name: String(decoding: answer[run.name], as: UTF8.self))
        if let i = effects.egressRecords.firstIndex(where: { $0.egress == egress }) {
            effects.egressRecords[i].count += run.count
        } else {
            effects.egressRecords.append((egress, run.count))
        }
    }
}
