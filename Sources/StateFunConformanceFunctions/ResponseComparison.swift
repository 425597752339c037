#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
package import StateFun
import StateFunProtocol

/// The oracle's comparison rule (`../shared/oracle/README.md`): responses must be byte-identical, except that
/// payloads of JSON types (`example/Profile`) are equal when they parse to equal JSON documents.
package enum ResponseComparison {
    package static let jsonTypeNames: Set<String> = ["example/Profile"]

    package static func equal(_ mine: [UInt8], _ expected: [UInt8], _ version: ProtocolVersion) -> Bool {
        if mine == expected { return true }
        guard version == .v3,
            let a = try? FromFunctionV3(serialized: mine), let b = try? FromFunctionV3(serialized: expected)
        else { return false }
        return normalized(a).serialized() == normalized(b).serialized()
    }

    /// Rewrites every JSON-typed payload into one canonical form (sorted keys, compact).
    package static func normalized(_ message: FromFunctionV3) -> FromFunctionV3 {
        guard case .invocationResult(var result) = message.response else { return message }
        func fix(_ value: inout TypedValue?) {
            guard var typed = value, jsonTypeNames.contains(typed.typename), typed.hasValue,
                let json = try? JSONDecoder().decode(JSONValue.self, from: Data(typed.value))
            else { return }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let canonical = try? encoder.encode(json) { typed.value = Array(canonical) }
            value = typed
        }
        for i in result.stateMutations.indices { fix(&result.stateMutations[i].stateValue) }
        for i in result.outgoingMessages.indices { fix(&result.outgoingMessages[i].argument) }
        for i in result.delayedInvocations.indices { fix(&result.delayedInvocations[i].argument) }
        for i in result.outgoingEgresses.indices { fix(&result.outgoingEgresses[i].argument) }
        return FromFunctionV3(response: .invocationResult(result))
    }
}
