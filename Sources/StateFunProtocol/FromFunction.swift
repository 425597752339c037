package import StateFunWire
/// `FromFunction`: a function's answer to one batch.
///
/// Either the batch's effects (`invocation_result = 100`) or, on 3.x only, the states the function needs and
/// the runtime did not send (`incomplete_invocation_context = 101`). Field numbers: `protocol.md` §1.2, §1.3.
package struct FromFunction<Address: WireAddress, Argument: WirePayload, StateValue: WirePayload>: WireMessage {
    /// `PersistedValueMutation.MutationType`: DELETE is 0, so a DELETE carries only the state name.
    package enum MutationType: Int32, Sendable {
        case delete = 0
        case modify = 1
    }

    /// `PersistedValueMutation{mutation_type=1, state_name=2, state_value=3}`.
    package struct PersistedValueMutation: WireMessage {
        package var mutationType: Int32
        package var stateName: String
        package var stateValue: StateValue?

        package init(mutationType: MutationType = .delete, stateName: String = "", stateValue: StateValue? = nil) {
            self.mutationType = mutationType.rawValue
            self.stateName = stateName
            self.stateValue = stateValue
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: mutationType = try reader.readEnum(tag)
                case 2: stateName = try reader.readString(tag)
                case 3: stateValue = try StateValue.read(tag, from: &reader)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeEnum(1, mutationType)
            writer.writeString(2, stateName)
            stateValue?.write(3, to: &writer)
        }
    }

    /// `FromFunction.Invocation{target=1, argument=2}`: a message to another function.
    package struct Invocation: WireMessage {
        package var target: Address?
        package var argument: Argument?

        package init(target: Address? = nil, argument: Argument? = nil) {
            self.target = target
            self.argument = argument
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: target = try Address.read(tag, from: &reader)
                case 2: argument = try Argument.read(tag, from: &reader)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            target?.write(1, to: &writer)
            argument?.write(2, to: &writer)
        }
    }

    /// `DelayedInvocation{delay_in_ms=1, target=2, argument=3, is_cancellation_request=10, cancellation_token=11}`
    /// (fields 10 and 11 since 3.1; a cancellation carries only those two).
    package struct DelayedInvocation: WireMessage {
        package var delayInMs: Int64
        package var target: Address?
        package var argument: Argument?
        package var isCancellationRequest: Bool
        package var cancellationToken: String

        package init(
            delayInMs: Int64 = 0, target: Address? = nil, argument: Argument? = nil,
            isCancellationRequest: Bool = false, cancellationToken: String = ""
        ) {
            self.delayInMs = delayInMs
            self.target = target
            self.argument = argument
            self.isCancellationRequest = isCancellationRequest
            self.cancellationToken = cancellationToken
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: delayInMs = try reader.readInt64(tag)
                case 2: target = try Address.read(tag, from: &reader)
                case 3: argument = try Argument.read(tag, from: &reader)
                case 10: isCancellationRequest = try reader.readBool(tag)
                case 11: cancellationToken = try reader.readString(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeInt64(1, delayInMs)
            target?.write(2, to: &writer)
            argument?.write(3, to: &writer)
            writer.writeBool(10, isCancellationRequest)
            writer.writeString(11, cancellationToken)
        }
    }

    /// `EgressMessage{egress_namespace=1, egress_type=2, argument=3}`.
    package struct EgressMessage: WireMessage {
        package var egressNamespace: String
        package var egressType: String
        package var argument: Argument?

        package init(egressNamespace: String = "", egressType: String = "", argument: Argument? = nil) {
            self.egressNamespace = egressNamespace
            self.egressType = egressType
            self.argument = argument
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: egressNamespace = try reader.readString(tag)
                case 2: egressType = try reader.readString(tag)
                case 3: argument = try Argument.read(tag, from: &reader)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeString(1, egressNamespace)
            writer.writeString(2, egressType)
            argument?.write(3, to: &writer)
        }
    }

    /// `InvocationResponse{state_mutations=1, outgoing_messages=2, delayed_invocations=3, outgoing_egresses=4}`.
    package struct InvocationResponse: WireMessage {
        package var stateMutations: [PersistedValueMutation]
        package var outgoingMessages: [Invocation]
        package var delayedInvocations: [DelayedInvocation]
        package var outgoingEgresses: [EgressMessage]

        package init(
            stateMutations: [PersistedValueMutation] = [], outgoingMessages: [Invocation] = [],
            delayedInvocations: [DelayedInvocation] = [], outgoingEgresses: [EgressMessage] = []
        ) {
            self.stateMutations = stateMutations
            self.outgoingMessages = outgoingMessages
            self.delayedInvocations = delayedInvocations
            self.outgoingEgresses = outgoingEgresses
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: stateMutations.append(try PersistedValueMutation.read(tag, from: &reader))
                case 2: outgoingMessages.append(try Invocation.read(tag, from: &reader))
                case 3: delayedInvocations.append(try DelayedInvocation.read(tag, from: &reader))
                case 4: outgoingEgresses.append(try EgressMessage.read(tag, from: &reader))
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            for mutation in stateMutations { mutation.write(1, to: &writer) }
            for message in outgoingMessages { message.write(2, to: &writer) }
            for delayed in delayedInvocations { delayed.write(3, to: &writer) }
            for egress in outgoingEgresses { egress.write(4, to: &writer) }
        }
    }

    /// `ExpirationSpec{mode=1, expire_after_millis=2}`, mode NONE 0 / AFTER_WRITE 1 / AFTER_INVOKE 2.
    package struct ExpirationSpec: WireMessage {
        package enum ExpireMode: Int32, Sendable {
            case none = 0
            case afterWrite = 1
            case afterInvoke = 2
        }

        package var mode: Int32
        package var expireAfterMillis: Int64

        package init(mode: ExpireMode = .none, expireAfterMillis: Int64 = 0) {
            self.mode = mode.rawValue
            self.expireAfterMillis = expireAfterMillis
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: mode = try reader.readEnum(tag)
                case 2: expireAfterMillis = try reader.readInt64(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeEnum(1, mode)
            writer.writeInt64(2, expireAfterMillis)
        }
    }

    /// `PersistedValueSpec{state_name=1, expiration_spec=2, type_typename=3}`.
    package struct PersistedValueSpec: WireMessage {
        package var stateName: String
        package var expirationSpec: ExpirationSpec?
        package var typeTypename: String

        package init(stateName: String = "", expirationSpec: ExpirationSpec? = nil, typeTypename: String = "") {
            self.stateName = stateName
            self.expirationSpec = expirationSpec
            self.typeTypename = typeTypename
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: stateName = try reader.readString(tag)
                case 2: expirationSpec = try ExpirationSpec.read(tag, from: &reader)
                case 3: typeTypename = try reader.readString(tag)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeString(1, stateName)
            expirationSpec?.write(2, to: &writer)
            writer.writeString(3, typeTypename)
        }
    }

    /// `IncompleteInvocationContext{missing_values=1}`.
    package struct IncompleteInvocationContext: WireMessage {
        package var missingValues: [PersistedValueSpec]

        package init(missingValues: [PersistedValueSpec] = []) {
            self.missingValues = missingValues
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: missingValues.append(try PersistedValueSpec.read(tag, from: &reader))
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            for spec in missingValues { spec.write(1, to: &writer) }
        }
    }

    /// The `response` oneof.
    package enum Response: Sendable, Equatable {
        case invocationResult(InvocationResponse)
        case incompleteInvocationContext(IncompleteInvocationContext)
    }

    /// The answer; `nil` when neither oneof member is set (the runtime reads that as an empty result).
    package var response: Response?

    package init(response: Response? = nil) {
        self.response = response
    }

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 100: response = .invocationResult(try InvocationResponse.read(tag, from: &reader))
            case 101: response = .incompleteInvocationContext(try IncompleteInvocationContext.read(tag, from: &reader))
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        switch response {
        case .invocationResult(let result): result.write(100, to: &writer)
        case .incompleteInvocationContext(let context): context.write(101, to: &writer)
        case nil: break
        }
    }
}

