/// A 3.x `ToFunction` as the request handler reads it (the field semantics of ``ToFunctionV3``).
///
/// One pass checks the whole request (structure, lengths, UTF-8) before any handler runs, and notes where
/// each part is. Values stay in the request body as slices, and an invocation's caller and message are made
/// only when it runs: the list of invocations holds positions only, so building, reading and dropping it
/// costs no reference counting.
package struct ReceivedBatch {
    /// `ToFunction.PersistedValue`: a state as the runtime sent it; `value == nil` when it has no value
    /// (no `state_value`, or `has_value = false`).
    package struct State: Equatable {
        package var name: String
        package var value: RawValue?
    }

    /// Where one `Invocation{caller=1, argument=2}`'s parts are in the body (all plain values: copying one
    /// costs no reference counting).
    package struct InvocationPosition: Equatable {
        /// False when the invocation has no caller (absent, or all three strings empty: the 3.x SDKs read both
        /// as "from an ingress").
        var hasCaller = false
        /// `Address{namespace=1, type=2, id=3}`'s strings.
        var callerNamespace = 0..<0
        var callerType = 0..<0
        var callerID = 0..<0
        /// `TypedValue{typename=1, has_value=2, value=3}`.
        var typeName = 0..<0
        /// The index of the typename in ``TypedValue/commonTypeNames``, or -1.
        var commonTypeName = -1
        var hasValue = false
        var value = 0..<0
    }

    let body: [UInt8]
    /// Whether the request had its `invocation` (field 100) at all.
    package private(set) var present = false
    package private(set) var target: Address?
    package private(set) var states: [State] = []
    package private(set) var invocations: [InvocationPosition] = []
    /// The last caller typename ``caller(_:into:)`` made and where its parts were: reused when the next caller's is
    /// the same (batches often come from one calling function).
    private var previousCallerTypeName: TypeName?
    private var previousCallerNamespace = 0..<0
    private var previousCallerType = 0..<0

    /// Reads `body`: in one pass when it has the runtime's usual layout (`ReceivedBatch+FastPath.swift`), field by
    /// field otherwise (always, with `usualLayout: false`, which tests use to compare the two).
    package init(_ body: [UInt8], usualLayout: Bool = true) throws(WireError) {
        self.body = body
        if usualLayout, Self.readUsualLayout(body, target: &target, states: &states, invocations: &invocations) {
            present = true
            return
        }
        target = nil
        states = []
        invocations = []
        try readFieldByField()
    }

    /// The general decoder: any field order, repeats and unknown fields, every error reported.
    private mutating func readFieldByField() throws(WireError) {
        let body = body
        var reader = WireReader(body)
        while let tag = try reader.nextField() {
            guard tag.number == 100 else {
                try reader.skip(tag)
                continue
            }
            // The request oneof: the last occurrence wins, as with the message types.
            present = true
            target = nil
            states.removeAll(keepingCapacity: true)
            invocations.removeAll(keepingCapacity: true)
            invocations.reserveCapacity(16)
            try reader.readMessage(tag) { (batch: inout WireReader) throws(WireError) in
                while let field = try batch.nextField() {
                    switch field.number {
                    case 1: target = try Address.read(field, from: &batch)
                    case 2: states.append(try Self.state(field, &batch))
                    case 3: invocations.append(try Self.invocation(field, &batch, body))
                    default: try batch.skip(field)
                    }
                }
            }
        }
    }

    /// Where in ``states`` the state `name` is, or `nil` when the runtime did not send it. The last occurrence
    /// wins, as in the SDKs' dictionaries.
    func stateIndex(of name: String) -> Int? {
        var i = states.count
        while i > 0 {
            i -= 1
            if states[i].name == name { return i }
        }
        return nil
    }

    // MARK: - Making an invocation's values

    /// The message of invocation `i`.
    func message(_ i: Int) -> Message {
        let position = invocations[i]
        let typeName =
            position.commonTypeName >= 0 ? TypedValue.commonTypeNames[position.commonTypeName] : text(position.typeName)
        return Message(typeName: typeName, payload: position.hasValue ? body[position.value] : nil)
    }

    /// Sets `caller` to the caller of invocation `i` (written in place: no copy of the address on its way).
    mutating func caller(_ i: Int, into caller: inout Address?) {
        let position = invocations[i]
        guard position.hasCaller else {
            caller = nil
            return
        }
        let id = text(position.callerID)
        if previousCallerNamespace.count + previousCallerType.count > 0,
            sameBytes(previousCallerNamespace, position.callerNamespace),
            sameBytes(previousCallerType, position.callerType), let typeName = previousCallerTypeName
        {
            caller = Address(typeName, id: id)
            return
        }
        let typeName = TypeName(namespace: text(position.callerNamespace), name: text(position.callerType))
        previousCallerTypeName = typeName
        previousCallerNamespace = position.callerNamespace
        previousCallerType = position.callerType
        caller = Address(typeName, id: id)
    }

    /// The (already validated) UTF-8 text at `range`.
    private func text(_ range: Range<Int>) -> String {
        body.withUnsafeBufferPointer { all in all.baseAddress.map { Self.text(range, $0) } ?? "" }
    }

    /// Whether the body holds the same bytes at `a` and `b`.
    private func sameBytes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        return body.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return true }
            return Self.bytesEqual(UnsafeRawPointer(base + a.lowerBound), UnsafeRawPointer(base + b.lowerBound), a.count)
        }
    }

    // MARK: - Decoding

    /// `PersistedValue{state_name=1, state_value=2}`.
    private static func state(_ tag: FieldTag, _ reader: inout WireReader) throws(WireError) -> State {
        try reader.readMessage(tag) { (state: inout WireReader) throws(WireError) in
            var name = ""
            var value: RawValue?
            while let field = try state.nextField() {
                switch field.number {
                case 1: name = try state.readString(field)
                case 2:
                    let typed = try typedValue(field, &state)
                    value = typed.hasValue ? RawValue(typeName: typed.typeName, bytes: typed.value) : nil
                default: try state.skip(field)
                }
            }
            return State(name: name, value: value)
        }
    }

    /// `TypedValue{typename=1, has_value=2, value=3}`, the value a slice of the request.
    private static func typedValue(_ tag: FieldTag, _ reader: inout WireReader) throws(WireError)
        -> (typeName: String, hasValue: Bool, value: ArraySlice<UInt8>)
    {
        try reader.readMessage(tag) { (typed: inout WireReader) throws(WireError) in
            var typeName = ""
            var hasValue = false
            var value: ArraySlice<UInt8> = []
            while let field = try typed.nextField() {
                switch field.number {
                case 1: typeName = try typed.readString(field, interning: TypedValue.commonTypeNames)
                case 2: hasValue = try typed.readBool(field)
                case 3: value = try typed.readBytesSlice(field)
                default: try typed.skip(field)
                }
            }
            return (typeName, hasValue, value)
        }
    }

    /// `Invocation{caller=1, argument=2}`, checked and located field by field.
    private static func invocation(_ tag: FieldTag, _ reader: inout WireReader, _ body: [UInt8]) throws(WireError)
        -> InvocationPosition
    {
        try reader.readMessage(tag) { (invocation: inout WireReader) throws(WireError) in
            var position = InvocationPosition()
            while let field = try invocation.nextField() {
                switch field.number {
                case 1: try caller(field, &invocation, into: &position)
                case 2:
                    // A repeated argument replaces the earlier one (as a caller does).
                    position.typeName = 0..<0
                    position.commonTypeName = -1
                    position.hasValue = false
                    position.value = 0..<0
                    try invocation.readMessage(field) { (typed: inout WireReader) throws(WireError) in
                        while let part = try typed.nextField() {
                            switch part.number {
                            case 1:
                                position.typeName = try typed.readStringRange(part)
                                position.commonTypeName = commonTypeName(at: position.typeName, in: body)
                            case 2: position.hasValue = try typed.readBool(part)
                            case 3: position.value = try typed.readBytesRange(part)
                            default: try typed.skip(part)
                            }
                        }
                    }
                default: try invocation.skip(field)
                }
            }
            return position
        }
    }

    /// `Address{namespace=1, type=2, id=3}` located (no caller when all three are empty).
    private static func caller(_ tag: FieldTag, _ reader: inout WireReader, into position: inout InvocationPosition)
        throws(WireError)
    {
        try reader.readMessage(tag) { (address: inout WireReader) throws(WireError) in
            var namespace = 0..<0
            var type = 0..<0
            var id = 0..<0
            while let field = try address.nextField() {
                switch field.number {
                case 1: namespace = try address.readStringRange(field)
                case 2: type = try address.readStringRange(field)
                case 3: id = try address.readStringRange(field)
                default: try address.skip(field)
                }
            }
            position.hasCaller = !(namespace.isEmpty && type.isEmpty && id.isEmpty)
            position.callerNamespace = namespace
            position.callerType = type
            position.callerID = id
        }
    }

    /// Which of ``TypedValue/commonTypeNames`` the bytes at `range` spell, or -1.
    static func commonTypeName(at range: Range<Int>, in body: [UInt8]) -> Int {
        body.withUnsafeBufferPointer { all in all.baseAddress.map { commonTypeName(at: range, $0) } ?? -1 }
    }

    /// Compares `count` bytes, eight at a time.
    @inline(__always)
    static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var k = 0
        while k + 8 <= count {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                return false
            }
            k += 8
        }
        while k < count {
            if a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self) { return false }
            k += 1
        }
        return true
    }
}
