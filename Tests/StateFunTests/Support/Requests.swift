import StateFun
import StateFunProtocol
import StateFunWire

/// Builds `ToFunction` bytes the way the runtime does, for tests that drive the request handler.
enum Requests {
    static func typed<V: StateFunType>(_ value: V) -> TypedValue {
        TypedValue(typename: V.typeName.description, hasValue: true, value: (try? value.serialize()) ?? [])
    }

    static func empty<V: StateFunType>(_ type: V.Type) -> TypedValue {
        TypedValue(typename: V.typeName.description, hasValue: false)
    }

    /// `states`: name → value (nil = registered without value); `invocations`: (caller, argument).
    static func v3(
        _ target: Address, states: [(String, TypedValue?)] = [], _ invocations: [(Address?, TypedValue)]
    ) -> [UInt8] {
        ToFunctionV3(
            invocation: .init(
                target: target,
                state: states.map { .init(stateName: $0.0, stateValue: $0.1) },
                invocations: invocations.map { .init(caller: $0.0, argument: $0.1) })
        ).serialized()
    }

    /// 2.x: `states`: names registered without a value; `texts`: (caller, string), each packed as the 2.2 SDKs
    /// pack a string, a `google.protobuf.StringValue` in an `Any`.
    static func v2Strings(_ target: Address, states: [String] = [], _ texts: [(Address?, String)]) -> [UInt8] {
        ToFunctionV2(
            invocation: .init(
                target: target,
                state: states.map { .init(stateName: $0, stateValue: nil) },
                invocations: texts.map { caller, text in
                    var value = WireWriter()
                    value.writeString(1, text)
                    return .init(
                        caller: caller,
                        argument: AnyValue(typeURL: "type.googleapis.com/google.protobuf.StringValue", value: value.bytes))
                })
        ).serialized()
    }

    static func result(_ bytes: [UInt8]) throws -> FromFunctionV3.InvocationResponse {
        let response = try FromFunctionV3(serialized: bytes)
        // An empty body (no response set) is an empty result, as the runtime reads it.
        if response.response == nil { return .init() }
        guard case .invocationResult(let result) = response.response else {
            throw StateFunError.invalidArgument("expected an invocation result, got \(String(describing: response.response))")
        }
        return result
    }

    static func incomplete(_ bytes: [UInt8]) throws -> FromFunctionV3.IncompleteInvocationContext {
        let response = try FromFunctionV3(serialized: bytes)
        guard case .incompleteInvocationContext(let context) = response.response else {
            throw StateFunError.invalidArgument("expected an incomplete invocation context")
        }
        return context
    }
}
