#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The failure policy at run time (issue 16, Docs/Operations.md "Failure policy"): under `.discard` or
// `.deadLetter`, an invocation that fails permanently is undone (its effects and state changes dropped, the state
// as before it) and the batch goes on; `.deadLetter` adds one egress record describing it. A transient failure
// fails the batch as under `.retry`. Functions with the default policy never come here, so their loops take no
// snapshot per invocation.

extension RequestReplyHandler {
    /// The run loop of a function whose policy skips permanent failures: before each invocation the effects'
    /// lengths and the state cells are noted, and put back if the invocation fails permanently.
    static func runApplyingFailurePolicy<Invocations: BatchInvocations>(
        _ registered: RegisteredFunction, _ context: Context, _ invocations: inout Invocations, _ maxEffectBytes: Int
    ) async throws(StateFunError) {
        let function = registered.definition
        let observation = context.observation
        let observes = observation?.observesInvocations ?? false
        let probe = registered.probe
        for i in 0..<invocations.count {
            let message = invocations.prepare(i, in: context)
            let caller = context.caller
            let began = observes
                ? observation?.invocationBegan(probe, i, caller: caller, typeName: message.typeName, metadata: message.metadata)
                : nil
            let effects = context.effects.checkpoint
            let state = context.storage.snapshot()
            do {
                if registered.isSynchronous {
                    try function.dispatchSynchronously(context, message)
                } else {
                    try await function.dispatch(context, message)
                }
            } catch {
                let failure = handlerFailed(function.typeName, context, error)
                let action = FailureClassification.kind(of: failure) == .permanent ? skipAction(function.failurePolicy) : nil
                if let began {
                    observation?.invocationEnded(
                        probe, i, caller: caller, typeName: message.typeName, metadata: message.metadata, since: began,
                        error: failure, action: action ?? .retry)
                }
                guard let action else {
                    context.noteFailure(at: i, typeName: message.typeName)
                    throw failure
                }
                context.effects.rollBack(to: effects)
                context.storage.restore(state)
                if case .deadLetter(let target) = function.failurePolicy {
                    let record = deadLetterRecord(target, context, message, failure)
                    do {
                        try context.writeEgressRecord(record)
                    } catch {
                        // The record is the SDK's own and always writable; should it not be, the batch fails
                        // rather than lose the message.
                        context.noteFailure(at: i, typeName: message.typeName)
                        throw failure
                    }
                }
                context.noteSkipped(
                    FailureReport(
                        invocationIndex: i, messageTypeName: message.typeName, error: BatchObservation.message(failure),
                        kind: .permanent, action: action))
                try checkEffects(context, maxEffectBytes)
                continue
            }
            if let began {
                observation?.invocationEnded(
                    probe, i, caller: caller, typeName: message.typeName, metadata: message.metadata, since: began, error: nil)
            }
            try checkEffects(context, maxEffectBytes)
        }
    }

    /// What `policy` does with a permanent failure; `nil` for `.retry` (the batch fails).
    static func skipAction(_ policy: FailurePolicy) -> FailureReport.Action? {
        switch policy {
        case .retry: nil
        case .discard: .discard
        case .deadLetter(let target): .deadLetter(egress: target.egress)
        }
    }

    /// The dead-letter record: keyed by the address id, its value the JSON document of
    /// ``deadLetterDocument(function:id:caller:message:error:time:)``, addressed as `target` says.
    static func deadLetterRecord(
        _ target: DeadLetterTarget, _ context: Context, _ message: Message, _ failure: StateFunError
    ) -> EgressRecord {
        let document = deadLetterDocument(
            function: context.address.typeName, id: context.address.id, caller: context.caller, message: message,
            error: BatchObservation.message(failure), time: Date().timeIntervalSince1970)
        switch target.destination {
        case .kafka(let topic):
            return EgressRecord(
                egress: target.egress, kind: .kafka(topic: topic, key: context.address.id, value: .string(document), headers: []))
        case .kinesis(let stream):
            return EgressRecord(
                egress: target.egress,
                kind: .kinesis(stream: stream, partitionKey: context.address.id, explicitHashKey: nil, value: .string(document)))
        case .value:
            return EgressRecord(egress: target.egress, kind: .value(document))
        }
    }

    /// `{"function", "id", "caller" (address or null), "message_type", "message_bytes" (base64), "error",
    /// "time" (RFC 3339, UTC)}`: what an operator needs to look at the message and send it again.
    package static func deadLetterDocument(
        function: TypeName, id: String, caller: Address?, message: Message, error: String, time: Double
    ) -> String {
        let bytes = message.payload.map { Data($0).base64EncodedString() } ?? ""
        let members: [(String, String?)] = [
            ("function", function.description), ("id", id), ("caller", caller?.description),
            ("message_type", message.typeName), ("message_bytes", bytes), ("error", error),
            ("time", LogTimestamp.rfc3339(time)),
        ]
        // One line: a record value, not a file.
        return "{" + members.map { JSONNode.quoted($0.0) + ":" + ($0.1.map(JSONNode.quoted) ?? "null") }
            .joined(separator: ",") + "}"
    }
}
