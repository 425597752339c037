package import StateFunWire
/// `ToFunction`: what the runtime POSTs to a function, one batch of invocations for one address.
///
/// Field numbers are those of both released protocol shapes (`protocol.md` §1.2, §1.3): the 2.x
/// `http-function.proto` and the 3.x `request-reply.proto` differ only in the payload types, which are the
/// generic parameters here. ``ToFunctionV3`` and ``ToFunctionV2`` name the two.
package struct ToFunction<Address: WireAddress, Argument: WirePayload, StateValue: WirePayload>: WireMessage {
    /// `ToFunction.PersistedValue{state_name=1, state_value=2}`; an absent value means "registered, empty".
    package struct PersistedValue: WireMessage {
        package var stateName: String
        package var stateValue: StateValue?

        package init(stateName: String = "", stateValue: StateValue? = nil) {
            self.stateName = stateName
            self.stateValue = stateValue
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: stateName = try reader.readString(tag)
                case 2: stateValue = try StateValue.read(tag, from: &reader)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            writer.writeString(1, stateName)
            stateValue?.write(2, to: &writer)
        }
    }

    /// `ToFunction.Invocation{caller=1, argument=2}`; no caller when the message came from an ingress.
    package struct Invocation: WireMessage {
        package var caller: Address?
        package var argument: Argument?

        package init(caller: Address? = nil, argument: Argument? = nil) {
            self.caller = caller
            self.argument = argument
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: caller = try Address.read(tag, from: &reader)
                case 2: argument = try Argument.read(tag, from: &reader)
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            caller?.write(1, to: &writer)
            argument?.write(2, to: &writer)
        }
    }

    /// `ToFunction.InvocationBatchRequest{target=1, state=2, invocations=3}`.
    package struct InvocationBatchRequest: WireMessage {
        package var target: Address?
        package var state: [PersistedValue]
        package var invocations: [Invocation]

        package init(target: Address? = nil, state: [PersistedValue] = [], invocations: [Invocation] = []) {
            self.target = target
            self.state = state
            self.invocations = invocations
        }

        package init(from reader: inout WireReader) throws(WireError) {
            self.init()
            while let tag = try reader.nextField() {
                switch tag.number {
                case 1: target = try Address.read(tag, from: &reader)
                case 2: state.append(try PersistedValue.read(tag, from: &reader))
                case 3: invocations.append(try Invocation.read(tag, from: &reader))
                default: try reader.skip(tag)
                }
            }
        }

        package func encode(to writer: inout WireWriter) {
            target?.write(1, to: &writer)
            for value in state { value.write(2, to: &writer) }
            for invocation in invocations { invocation.write(3, to: &writer) }
        }
    }

    /// The `request` oneof: `invocation = 100`.
    package var invocation: InvocationBatchRequest?

    package init(invocation: InvocationBatchRequest? = nil) {
        self.invocation = invocation
    }

    package init(from reader: inout WireReader) throws(WireError) {
        self.init()
        while let tag = try reader.nextField() {
            switch tag.number {
            case 100: invocation = try InvocationBatchRequest.read(tag, from: &reader)
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        invocation?.write(100, to: &writer)
    }
}

extension ToFunction {
    /// Whether any batch in `body` holds more than `limit` invocations, counted without decoding them (so a
    /// request over the limit costs no memory); false when the bytes end or break before that (the model then
    /// reports what is wrong). Both protocol versions number these fields alike.
    package static func invocationCount(in body: [UInt8], exceeds limit: Int) -> Bool {
        var reader = WireReader(body)
        do {
            while let tag = try reader.nextField() {
                guard tag.number == 100, tag.wireType == .lengthDelimited else {
                    try reader.skip(tag)
                    continue
                }
                let exceeds = try reader.readMessage(tag) { (batch: inout WireReader) throws(WireError) -> Bool in
                    var count = 0
                    while let field = try batch.nextField() {
                        if field.number == 3, field.wireType == .lengthDelimited {
                            count += 1
                            if count > limit { return true }
                        }
                        try batch.skip(field)
                    }
                    return false
                }
                if exceeds { return true }
            }
        } catch {
            return false
        }
        return false
    }
}

