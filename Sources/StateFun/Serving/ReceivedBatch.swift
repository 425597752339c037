package import StateFunWire
import StateFunProtocol
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

        package init(name: String, value: RawValue?) {
            self.name = name
            self.value = value
        }
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
        /// The maintained fork's `metadata = 4` entries, all of them (empty from upstream's runtimes).
        var metadata = 0..<0
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

    /// Why a request could not be read.
    package enum Failure: Error, Equatable {
        /// The bytes are no `ToFunction` (the model's decoding error).
        case malformed(WireError)
        /// A batch holds more than `limit` invocations; reading stopped at the limit.
        case tooManyInvocations(limit: Int)
    }

    private init(body: [UInt8]) {
        self.body = body
    }

    /// Reads `body`. A request in the runtime's usual layout is read in one pass (`ReceivedBatch+FastPath.swift`).
    /// Anything else (another field order, repeated or unknown fields, padded lengths) is decoded as the model
    /// (``ToFunctionV3``), which reports every error, and the model, written back in the usual layout, is read by
    /// the same one-pass reader: one reader, and one decoder of the schema, whatever the layout.
    ///
    /// A batch of more than `maxInvocations` invocations is refused before anything of it is kept or decoded.
    package init(_ body: [UInt8], maxInvocations: Int = .max) throws(Failure) {
        self.init(body: body)
        switch readInUsualLayout(maxInvocations: maxInvocations) {
        case .read: return
        case .tooManyInvocations: throw .tooManyInvocations(limit: maxInvocations)
        case .otherLayout: break
        }
        if ToFunctionV3.invocationCount(in: body, exceeds: maxInvocations) {
            throw .tooManyInvocations(limit: maxInvocations)
        }
        let model: ToFunctionV3
        do {
            model = try ToFunctionV3(serialized: body)
        } catch {
            throw .malformed(error)
        }
        self = ReceivedBatch(body: body)
        guard let request = model.invocation else { return }
        // The model's own encoding is the usual layout: fields in number order, each once, zero values left out,
        // lengths in their shortest form. Its lengths are below the reader's 256 MiB bound whenever the body's are.
        self = ReceivedBatch(body: ToFunctionV3(invocation: request).serialized(capacity: body.count + 16))
        guard readInUsualLayout(maxInvocations: .max) == .read else {
            throw .malformed(.invalidValue(offset: 0, reason: "the request's invocation batch is too large to be read"))
        }
    }

    /// Reads `body` with the one-pass reader alone: `nil` when it is not in the runtime's usual layout.
    package init?(usualLayout body: [UInt8]) {
        self.init(body: body)
        guard readInUsualLayout(maxInvocations: .max) == .read else { return nil }
    }

    private mutating func readInUsualLayout(maxInvocations: Int) -> LayoutReading {
        let reading = Self.readUsualLayout(
            body, maxInvocations: maxInvocations, target: &target, states: &states, invocations: &invocations)
        present = reading == .read
        return reading
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
    package func message(_ i: Int) -> Message {
        let position = invocations[i]
        let typeName =
            position.commonTypeName >= 0 ? TypedValue.commonTypeNames[position.commonTypeName] : text(position.typeName)
        let payload = position.hasValue ? body[position.value] : nil
        guard !position.metadata.isEmpty else { return Message(typeName: typeName, payload: payload) }
        let metadata = Self.metadataEntries(in: position.metadata, of: body).map { entry in
            MetadataEntry(key: text(entry.key), value: entry.value.map { Array(body[$0]) })
        }
        return Message(typeName: typeName, payload: payload, metadata: metadata)
    }

    /// Sets `caller` to the caller of invocation `i` (written in place: no copy of the address on its way).
    package mutating func caller(_ i: Int, into caller: inout Address?) {
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
