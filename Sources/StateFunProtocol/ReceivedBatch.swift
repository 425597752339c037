package import StateFunWire

/// A 3.x `ToFunction` as a request handler reads it (the field semantics of the model, ``ToFunction`` with
/// ``TypedValue``s), in protocol terms only: strings, byte ranges of the body and slices of it. The SDK makes its
/// addresses and messages from these at its edge (StateFun's `ReceivedInvocations`).
///
/// One pass checks the whole request (structure, lengths, UTF-8) before any handler runs, and notes where
/// each part is. Values stay in the request body as slices, and an invocation's caller and message are made
/// only when it runs: the list of invocations holds positions only, so building, reading and dropping it
/// costs no reference counting.
///
/// `@usableFromInline`, as are the members the per-invocation accessors read: only then does the compiler keep
/// the bodies of those `@inlinable` accessors for the SDK's module (a `package` type's are not kept, and each
/// accessor was a call that copied the batch through the stack).
@usableFromInline
package struct ReceivedBatch {
    /// A present value as it arrived: `TypedValue.typename` and the bytes of `TypedValue.value` (a slice of the
    /// request, not copied).
    package struct Value: Equatable {
        package var typeName: String
        package var bytes: ArraySlice<UInt8>

        package init(typeName: String, bytes: ArraySlice<UInt8>) {
            self.typeName = typeName
            self.bytes = bytes
        }
    }

    /// `ToFunction.PersistedValue`: a state as the runtime sent it; `value == nil` when it has no value
    /// (no `state_value`, or `has_value = false`).
    package struct State: Equatable {
        package var name: String
        package var value: Value?

        package init(name: String, value: Value?) {
            self.name = name
            self.value = value
        }
    }

    /// Where `Address{namespace=1, type=2, id=3}`'s strings are in the body (valid UTF-8; an absent string is
    /// `0..<0`).
    package struct AddressRanges: Equatable {
        package var namespace = 0..<0
        package var type = 0..<0
        package var id = 0..<0

        @usableFromInline init() {}
    }

    /// Where one `Invocation{caller=1, argument=2}`'s parts are in the body (all plain values: copying one
    /// costs no reference counting).
    @usableFromInline
    package struct InvocationPosition: Equatable {
        /// False when the invocation has no caller (absent, or all three strings empty: the 3.x SDKs read both
        /// as "from an ingress").
        package var hasCaller = false
        /// With a caller: the index of the first invocation of the run this one belongs to, of consecutive
        /// invocations with a caller whose namespace and type are the same bytes (batches often come from one
        /// calling function); equal sources mean equal caller typenames. -1 without a caller.
        package var callerTypeSource = -1
        package var caller = AddressRanges()
        /// `TypedValue{typename=1, has_value=2, value=3}`.
        @usableFromInline package var typeName = 0..<0
        /// The index of the typename in ``TypedValue/commonTypeNames``, or -1.
        @usableFromInline package var commonTypeName = -1
        @usableFromInline package var hasValue = false
        @usableFromInline package var value = 0..<0
        /// The maintained fork's `metadata = 4` entries, all of them (empty from upstream's runtimes).
        package var metadata = 0..<0

        @usableFromInline init() {}
    }

    /// The request's bytes, which every range above points into.
    @usableFromInline let body: [UInt8]
    /// Whether the request had its `invocation` (field 100) at all.
    package private(set) var present = false
    /// The batch's `target`, when it has one (an all-empty one included).
    package private(set) var target: AddressRanges?
    package private(set) var states: [State] = []
    @usableFromInline package private(set) var invocations: [InvocationPosition] = []

    /// Why a request could not be read.
    package enum Failure: Error, Equatable {
        /// The bytes are no `ToFunction` (the model's decoding error).
        case malformed(WireError)
        /// A batch holds more than `limit` invocations; reading stopped at the limit.
        case tooManyInvocations(limit: Int)
    }

    /// The model the reader falls back to: the 3.x `ToFunction`, its addresses as plain strings.
    private typealias Model = ToFunction<AddressParts, TypedValue, TypedValue>

    private init(body: [UInt8]) {
        self.body = body
    }

    /// Reads `body`. A request in the runtime's usual layout is read in one pass (`ReceivedBatch+FastPath.swift`).
    /// Anything else (another field order, repeated or unknown fields, padded lengths) is decoded as the model,
    /// which reports every error, and the model, written back in the usual layout, is read by the same one-pass
    /// reader: one reader, and one decoder of the schema, whatever the layout.
    ///
    /// A batch of more than `maxInvocations` invocations is refused before anything of it is kept or decoded.
    package init(_ body: [UInt8], maxInvocations: Int = .max) throws(Failure) {
        self.init(body: body)
        switch readInUsualLayout(maxInvocations: maxInvocations) {
        case .read: return
        case .tooManyInvocations: throw .tooManyInvocations(limit: maxInvocations)
        case .otherLayout: break
        }
        if Model.invocationCount(in: body, exceeds: maxInvocations) {
            throw .tooManyInvocations(limit: maxInvocations)
        }
        let model: Model
        do {
            model = try Model(serialized: body)
        } catch {
            throw .malformed(error)
        }
        self = ReceivedBatch(body: body)
        guard let request = model.invocation else { return }
        // The model's own encoding is the usual layout: fields in number order, each once, zero values left out,
        // lengths in their shortest form. Its lengths are below the reader's 256 MiB bound whenever the body's are.
        self = ReceivedBatch(body: Model(invocation: request).serialized(capacity: body.count + 16))
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
    package func stateIndex(of name: String) -> Int? {
        var i = states.count
        while i > 0 {
            i -= 1
            if states[i].name == name { return i }
        }
        return nil
    }

    // MARK: - An invocation's parts (inlinable: the SDK calls these once per invocation)

    /// The typename of invocation `i`'s argument (shared storage for the common ones).
    @inlinable @inline(__always)
    package func typeName(_ i: Int) -> String {
        // Field by field: a position copied whole (16 words) went through memcpy and a stalled reload.
        let common = invocations[i].commonTypeName
        return common >= 0 ? TypedValue.commonTypeName(common) : text(invocations[i].typeName)
    }

    /// The value of invocation `i`'s argument, a slice of the body; `nil` when it has none (`has_value = false`).
    @inlinable @inline(__always)
    package func payload(_ i: Int) -> ArraySlice<UInt8>? {
        invocations[i].hasValue ? body[invocations[i].value] : nil
    }

    /// The maintained fork's metadata entries of invocation `i`'s argument, in order: each key, and its value
    /// (`nil` when null); empty without any (always from upstream's runtimes).
    package func metadata(_ i: Int) -> [(key: String, value: ArraySlice<UInt8>?)] {
        let range = invocations[i].metadata
        guard !range.isEmpty else { return [] }
        return Self.metadataEntries(in: range, of: body).map { entry in
            (key: text(entry.key), value: entry.value.map { body[$0] })
        }
    }

    /// The (already validated) UTF-8 text at `range`, one of the ranges this batch gave; "" for any other.
    @inlinable @inline(__always)
    package func text(_ range: Range<Int>) -> String {
        body.withUnsafeBufferPointer { all in
            // The reader checked every range it gave against the body's end; the guard keeps any other range
            // from reading outside the buffer (and covers the empty body, whose base may be nil).
            guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= all.count, let base = all.baseAddress
            else { return "" }
            return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
        }
    }

    /// Whether the bytes at `range` (one of the ranges this batch gave) are exactly `utf8`; false for any other
    /// range. Equal bytes are equal strings, so a match can stand for a string comparison (not the other way:
    /// Swift compares strings by canonical equivalence).
    @inlinable
    package func bytes(at range: Range<Int>, equal utf8: [UInt8]) -> Bool {
        guard range.count == utf8.count else { return false }
        return body.withUnsafeBufferPointer { all in
            utf8.withUnsafeBufferPointer { expected in
                // Both hold `range.count` bytes once the range is inside the body (checked here).
                guard range.lowerBound >= 0, range.upperBound <= all.count else { return false }
                guard let base = all.baseAddress, let start = expected.baseAddress else { return range.isEmpty }
                return Self.bytesEqual(UnsafeRawPointer(base + range.lowerBound), UnsafeRawPointer(start), range.count)
            }
        }
    }

    /// Compares `count` bytes, eight at a time.
    ///
    /// Invariant: `a` and `b` each point at `count` or more readable bytes (callers pass pointers into the body
    /// with a range checked against its end). Unaligned loads: the ranges start anywhere in the body.
    @inlinable @inline(__always)
    package static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
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
