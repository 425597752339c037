// The smoke interpreter's effect per command, observed where the runtime observes it: ToFunction bytes into the
// core RequestReplyHandler, FromFunction bytes out.

import StateFun
import StateFunSmoke
import Testing
import StateFunProtocol

@Suite struct SmokeInterpreterTests {
    let handler = SmokeInterpreter.app().requestReplyHandler()

    static let longType = "io.statefun.types/long"

    /// `LongWrapper` bytes (`09` + 8 bytes little-endian; 0 is empty), as protocol.md §3 specifies.
    static func long(_ value: Int64) -> [UInt8] {
        guard value != 0 else { return [] }
        let bits = UInt64(bitPattern: value)
        return [0x09] + (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
    }

    /// One batch for instance `id` with counter `state` (`nil`: registered, no value) and these arguments.
    static func request(id: String = "4", state: Int64?, _ arguments: [TypedValue]) -> [UInt8] {
        let value = state.map { TypedValue(typename: longType, hasValue: true, value: long($0)) }
        return ToFunctionV3(
            invocation: .init(
                target: Address(SmokeE2E.functionType, id: id),
                state: [.init(stateName: "state", stateValue: value)],
                invocations: arguments.map { .init(caller: nil, argument: $0) })
        ).serialized()
    }

    static func source(_ commands: Command..., target: Int32 = 4) -> TypedValue {
        TypedValue(
            typename: "statefun.smoke.e2e/source-command", hasValue: true,
            value: SourceCommand(target: target, commands: Commands(commands)).serializedBytes())
    }

    static func commands(_ commands: Command...) -> TypedValue {
        TypedValue(typename: "statefun.smoke.e2e/commands", hasValue: true, value: Commands(commands).serializedBytes())
    }

    func run(id: String = "4", state: Int64?, _ arguments: TypedValue...) async throws -> FromFunctionV3.InvocationResponse {
        let response = try FromFunctionV3(serialized: try await handler.handle(Self.request(id: id, state: state, arguments)))
        // An empty body (no response set) is an empty result, as the runtime reads it.
        if response.response == nil { return .init() }
        guard case .invocationResult(let result) = response.response else {
            Issue.record("expected an invocation result, got \(String(describing: response.response))")
            return .init()
        }
        return result
    }

    /// The counter after the batch, from its MODIFY mutation (`nil` when the batch did not write it).
    func counter(_ result: FromFunctionV3.InvocationResponse) throws -> Int64? {
        guard let mutation = result.stateMutations.first else { return nil }
        #expect(result.stateMutations.count == 1)
        #expect(mutation.stateName == "state")
        #expect(mutation.mutationType == FromFunctionV3.MutationType.modify.rawValue)
        let value = try #require(mutation.stateValue)
        #expect(value.typename == Self.longType)
        return try Int64.deserialize(from: value.value)
    }

    // MARK: - Commands

    @Test func incrementStartsAtZeroAndAddsOne() async throws {
        #expect(try counter(try await run(state: nil, Self.source(.increment))) == 1)
        #expect(try counter(try await run(state: 41, Self.source(.increment, .increment, .increment))) == 44)
    }

    @Test func sendTargetsTheInstanceNamedByTheTargetInDecimal() async throws {
        let inner = Commands([.increment, .verify(2)])
        let result = try await run(state: 0, Self.source(.send(7, inner), .send(-3, nil)))
        #expect(result.outgoingMessages.count == 2)
        let first = result.outgoingMessages[0]
        #expect(first.target == Address("statefun.smoke.e2e/command-interpreter-fn", id: "7"))
        #expect(first.argument?.typename == "statefun.smoke.e2e/commands")
        #expect(first.argument?.hasValue == true)
        #expect(try Commands.decode(first.argument?.value ?? []) == inner)
        // An absent `commands` travels as an empty Commands message (what protobuf's getCommands() gives).
        #expect(result.outgoingMessages[1].target?.id == "-3")
        #expect(result.outgoingMessages[1].argument == TypedValue(
            typename: "statefun.smoke.e2e/commands", hasValue: true, value: []))
        #expect(result.delayedInvocations.isEmpty && result.outgoingEgresses.isEmpty && result.stateMutations.isEmpty)
    }

    @Test func sendAfterDelaysOneMillisecondAndCarriesTheToken() async throws {
        let inner = Commands([.increment])
        let result = try await run(state: 0, Self.source(.sendAfter(2, inner, token: "tok-1"), .sendAfter(3, inner)))
        #expect(result.delayedInvocations.count == 2)
        let withToken = result.delayedInvocations[0]
        #expect(withToken.delayInMs == 1)
        #expect(withToken.target?.id == "2")
        #expect(withToken.cancellationToken == "tok-1")
        #expect(!withToken.isCancellationRequest)
        #expect(try Commands.decode(withToken.argument?.value ?? []) == inner)
        #expect(result.delayedInvocations[1].cancellationToken == "")
        #expect(result.delayedInvocations[1].target?.id == "3")
    }

    @Test func cancelSendAfterCancelsByToken() async throws {
        let result = try await run(state: 0, Self.source(.sendAfter(2, nil, token: "t"), .cancelSendAfter(2, token: "t")))
        #expect(result.delayedInvocations.count == 2)
        let cancel = result.delayedInvocations[1]
        #expect(cancel.isCancellationRequest)
        #expect(cancel.cancellationToken == "t")
        #expect(cancel.target == nil && cancel.argument == nil)
        // Byte-exact: DelayedInvocation{is_cancellation_request=true, cancellation_token="t"} (protocol.md §1.5).
        #expect(cancel.serialized() == [0x50, 0x01, 0x5A, 0x01, 0x74])
    }

    @Test func cancelWithAnEmptyTokenFailsTheBatch() async {
        await #expect(throws: StateFunError.self) {
            _ = try await run(state: 0, Self.source(.cancelSendAfter(1, token: "")))
        }
    }

    @Test func sendEgressWritesDiscardedMessage() async throws {
        let result = try await run(state: 0, Self.source(.sendEgress))
        #expect(result.outgoingEgresses.count == 1)
        let egress = result.outgoingEgresses[0]
        #expect(egress.egressNamespace == "statefun.smoke.e2e" && egress.egressType == "discard-sink")
        #expect(egress.argument?.typename == "io.statefun.types/string")
        // StringWrapper{value = "discarded-message"}: 0A 11 + 17 UTF-8 bytes.
        #expect(egress.argument?.value == [0x0A, 0x11] + Array("discarded-message".utf8))
    }

    @Test func verifyReportsIdExpectedAndActual() async throws {
        let result = try await run(id: "12", state: 5, Self.source(.increment, .verify(9), .increment, .verify(-1)))
        #expect(result.outgoingEgresses.count == 2)
        for egress in result.outgoingEgresses {
            #expect(egress.egressNamespace == "statefun.smoke.e2e" && egress.egressType == "verification-sink")
            #expect(egress.argument?.typename == "statefun.smoke.e2e/verification-result")
        }
        let reports = try result.outgoingEgresses.map { try VerificationResult.decode($0.argument?.value ?? []) }
        #expect(reports == [
            VerificationResult(id: 12, expected: 9, actual: 6), VerificationResult(id: 12, expected: -1, actual: 7),
        ])
        #expect(try counter(result) == 7)
    }

    @Test func verifyWithoutStateReportsZero() async throws {
        let result = try await run(id: "0", state: nil, Self.source(.verify(0)))
        #expect(result.stateMutations.isEmpty)
        #expect(result.outgoingEgresses.first?.argument?.value == [])  // VerificationResult{0, 0, 0}: zero bytes
    }

    @Test func verifyOnANonNumericIdFailsNamingTheId() async {
        do {
            _ = try await run(id: "ann", state: 0, Self.source(.verify(0)))
            Issue.record("verify on id 'ann' must fail")
        } catch {
            #expect("\(error)".contains("'ann'"))
        }
    }

    @Test(arguments: [false, true])
    func asyncOperationAppliesTheResolvedCommandsWhetherItFailsOrNot(_ failure: Bool) async throws {
        let resolved = Commands([.increment, .sendEgress, .asyncOperation(failure: !failure, Commands([.increment]))])
        let result = try await run(state: 10, Self.source(.asyncOperation(failure: failure, resolved), .verify(12)))
        #expect(try counter(result) == 12)
        #expect(result.outgoingEgresses.map(\.egressType) == ["discard-sink", "verification-sink"])
        #expect(try VerificationResult.decode(result.outgoingEgresses[1].argument?.value ?? []).actual == 12)
    }

    @Test func commandsFromAnotherInstanceAreAcceptedAndBatchesRunInOrder() async throws {
        let result = try await run(
            state: 1, Self.commands(.increment), Self.source(.verify(2)), Self.commands(.increment, .verify(3)))
        #expect(try counter(result) == 3)
        let reports = try result.outgoingEgresses.map { try VerificationResult.decode($0.argument?.value ?? []) }
        #expect(reports.map(\.actual) == [2, 3])
    }

    @Test func absentCommandsAndUnsetCommandsDoNothing() async throws {
        let empty = TypedValue(
            typename: "statefun.smoke.e2e/source-command", hasValue: true,
            value: SourceCommand(target: 4, commands: nil).serializedBytes())
        let result = try await run(state: 3, empty, Self.commands(Command()))
        #expect(result == .init())
    }

    @Test func anyOtherMessageTypeFailsNamingIt() async {
        do {
            _ = try await run(state: 0, TypedValue(typename: "io.statefun.types/string", hasValue: true, value: []))
            Issue.record("a string must be rejected")
        } catch {
            #expect("\(error)".contains("io.statefun.types/string"))
        }
    }

    @Test func missingStateIsRequestedAsALong() async throws {
        let bytes = ToFunctionV3(
            invocation: .init(
                target: SmokeE2E.address(1), state: [], invocations: [.init(argument: Self.source(.increment))])
        ).serialized()
        let response = try FromFunctionV3(serialized: try await handler.handle(bytes))
        guard case .incompleteInvocationContext(let context) = response.response else {
            Issue.record("expected an incomplete invocation context")
            return
        }
        #expect(context.missingValues.map(\.stateName) == ["state"])
        #expect(context.missingValues.map(\.typeTypename) == [Self.longType])
    }

    @Test func aWrongInterpreterCanBeBuiltForTheDriverTest() async throws {
        let wrong = App { SmokeInterpreter { $0.id == "4" ? 2 : 1 } }.requestReplyHandler()
        let response = try FromFunctionV3(serialized: try await wrong.handle(Self.request(state: 0, [Self.source(.increment)])))
        guard case .invocationResult(let result) = response.response else {
            Issue.record("expected an invocation result")
            return
        }
        #expect(try counter(result) == 2)
    }
}
