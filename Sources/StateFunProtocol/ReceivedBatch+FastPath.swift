import StateFunWire

// The layout the StateFun runtime writes, read in one pass over the bytes.
//
// protobuf-java (the runtime) writes fields in number order, each singular field at most once, and lengths as
// short varints: `ToFunction{invocation=100{target=1, state=2…, invocations=3…}}`, `Address{namespace=1,
// type=2, id=3}`, `PersistedValue{state_name=1, state_value=2}`, `TypedValue{typename=1, has_value=2,
// value=3}` and `Invocation{caller=1, argument=2}` likewise, zero values left out. For such bytes this reader
// gives exactly what the model (`ToFunction` with `TypedValue`s) says, with a fraction of its work (one pointer, no reader
// copies, repeated typenames and callers recognised by their bytes); for anything else (another order, a
// repeated or unknown field, a byte out of place, bad UTF-8) it gives up: the request is decoded as the model,
// errors included, and the model written back in this layout is read here (ReceivedBatch.init).
// `ReceivedBatchLayoutTests` holds the reader to the model.
//
// Pointer use: every pointer here is the base of the request body, valid for the `withUnsafeBufferPointer`
// call in `readUsualLayout` that everything else runs inside; every offset read through it comes from a
// `LayoutReader`, which checks each byte and each length against the end of the range it was given, and
// every range it gives lies inside that range (so inside the body).

extension ReceivedBatch {
    /// What ``readUsualLayout(_:maxInvocations:target:states:invocations:)`` made of a request.
    enum LayoutReading {
        /// Read: `target`, `states` and `invocations` hold the request.
        case read
        /// Not in the usual layout (the model then decodes it, and reports what is wrong if anything is).
        case otherLayout
        /// More invocations than the limit: reading stopped there.
        case tooManyInvocations
    }

    /// Reads the request `body` in the runtime's usual layout into `target`, `states` and `invocations`; what was
    /// set is to be dropped unless it answers ``LayoutReading/read``.
    static func readUsualLayout(
        _ body: [UInt8], maxInvocations: Int, target: inout AddressRanges?, states: inout [State],
        invocations: inout [InvocationPosition]
    ) -> LayoutReading {
        body.withUnsafeBufferPointer { all -> LayoutReading in
            // An empty body has no base (and is no batch); otherwise `base` is valid for `all.count` bytes for
            // the whole closure, which is where every pointer below is used.
            guard let base = all.baseAddress else { return .otherLayout }
            var request = LayoutReader(base: base, position: 0, end: all.count)
            // ToFunction.invocation = 100, wire type 2: the key is the varint 802 (0xA2 0x06).
            guard request.next(is: 0xA2), request.next(is: 0x06), let content = request.lengthDelimited(),
                request.isAtEnd
            else { return .otherLayout }
            var batch = LayoutReader(base: base, range: content)
            if batch.next(is: 0x0A) {  // target = 1
                guard let range = batch.lengthDelimited(), let address = address(in: range, base) else {
                    return .otherLayout
                }
                target = address
            }
            while batch.next(is: 0x12) {  // state = 2
                guard let range = batch.lengthDelimited(), let state = state(in: range, base, body) else {
                    return .otherLayout
                }
                states.append(state)
            }
            invocations.reserveCapacity(16)
            var previous = PreviousInvocation()
            while batch.next(is: 0x1A) {  // invocations = 3
                // Checked before the invocation is kept: memory stays bounded by the limit, not by the body.
                guard invocations.count < maxInvocations else { return .tooManyInvocations }
                guard let range = batch.lengthDelimited() else { return .otherLayout }
                // Filled where it is kept: a position returned and then appended was copied twice.
                invocations.append(InvocationPosition())
                let index = invocations.count - 1
                guard invocation(index, in: range, base, after: &previous, into: &invocations[index]) else {
                    return .otherLayout
                }
            }
            return batch.isAtEnd ? .read : .otherLayout
        }
    }

    /// The parts of the invocation read last whose bytes the next one often repeats: a batch's messages usually
    /// share a typename, and often a calling function. Bytes equal to these are valid UTF-8 already and name
    /// the same common typename, so they are compared instead of checked again.
    private struct PreviousInvocation {
        var typeName = 0..<0
        var commonTypeName = -1
        var callerNamespace = 0..<0
        var callerType = 0..<0
        /// The namespace and type of the last invocation that had a caller (``InvocationPosition/hasCaller``),
        /// and its ``InvocationPosition/callerTypeSource``: a caller with the same bytes shares that source.
        var lastCallerNamespace = 0..<0
        var lastCallerType = 0..<0
        var lastCallerSource = -1
    }

    /// Locates `Invocation{caller=1, argument=2}` number `index` at `range` into `position` (which starts empty);
    /// false when it is not in the usual layout.
    private static func invocation(
        _ index: Int, in range: Range<Int>, _ base: UnsafePointer<UInt8>, after previous: inout PreviousInvocation,
        into position: inout InvocationPosition
    ) -> Bool {
        var reader = LayoutReader(base: base, range: range)
        if reader.next(is: 0x0A) {  // caller = 1
            guard let content = reader.lengthDelimited() else { return false }
            var address = LayoutReader(base: base, range: content)
            guard let namespace = address.optionalString(key: 0x0A, knownValid: previous.callerNamespace),
                let type = address.optionalString(key: 0x12, knownValid: previous.callerType),
                let id = address.optionalString(key: 0x1A), address.isAtEnd
            else { return false }
            previous.callerNamespace = namespace
            previous.callerType = type
            position.hasCaller = !(namespace.isEmpty && type.isEmpty && id.isEmpty)
            if position.hasCaller {
                // All four ranges came from `lengthDelimited` (or are empty), so lie inside the body.
                let repeats =
                    previous.lastCallerSource >= 0 && namespace.count == previous.lastCallerNamespace.count
                    && type.count == previous.lastCallerType.count
                    && ReceivedBatch.bytesEqual(
                        UnsafeRawPointer(base + namespace.lowerBound),
                        UnsafeRawPointer(base + previous.lastCallerNamespace.lowerBound), namespace.count)
                    && ReceivedBatch.bytesEqual(
                        UnsafeRawPointer(base + type.lowerBound), UnsafeRawPointer(base + previous.lastCallerType.lowerBound),
                        type.count)
                position.callerTypeSource = repeats ? previous.lastCallerSource : index
                previous.lastCallerSource = position.callerTypeSource
                previous.lastCallerNamespace = namespace
                previous.lastCallerType = type
            }
            position.caller.namespace = namespace
            position.caller.type = type
            position.caller.id = id
        }
        if reader.next(is: 0x12) {  // argument = 2
            guard let content = reader.lengthDelimited() else { return false }
            var typed = LayoutReader(base: base, range: content)
            let repeated = typed.nextString(key: 0x0A, equals: previous.typeName)
            guard let typeName = repeated ?? typed.optionalString(key: 0x0A),
                let (hasValue, value, metadata) = typed.valueToEnd()
            else { return false }
            if repeated == nil {
                previous.typeName = typeName
                previous.commonTypeName = commonTypeName(at: typeName, base)
            }
            position.typeName = typeName
            position.commonTypeName = previous.commonTypeName
            position.hasValue = hasValue
            position.value = value
            position.metadata = metadata
        }
        return reader.isAtEnd
    }

    /// `Address{namespace=1, type=2, id=3}` at `range` (the target; an empty one is kept, as the model keeps
    /// it).
    private static func address(in range: Range<Int>, _ base: UnsafePointer<UInt8>) -> AddressRanges? {
        var reader = LayoutReader(base: base, range: range)
        var address = AddressRanges()
        guard let namespace = reader.optionalString(key: 0x0A), let type = reader.optionalString(key: 0x12),
            let id = reader.optionalString(key: 0x1A), reader.isAtEnd
        else { return nil }
        address.namespace = namespace
        address.type = type
        address.id = id
        return address
    }

    /// `PersistedValue{state_name=1, state_value=2: TypedValue{typename=1, has_value=2, value=3}}` at `range`;
    /// the value is a slice of the request, absent without `state_value` or with `has_value = false`.
    private static func state(in range: Range<Int>, _ base: UnsafePointer<UInt8>, _ body: [UInt8]) -> State? {
        var reader = LayoutReader(base: base, range: range)
        guard let name = reader.optionalString(key: 0x0A) else { return nil }
        var value: Value?
        if reader.next(is: 0x12) {
            guard let content = reader.lengthDelimited() else { return nil }
            var typed = LayoutReader(base: base, range: content)
            // A state value's metadata (none is expected) is read past and not kept.
            guard let typeName = typed.optionalString(key: 0x0A), let (hasValue, bytes, _) = typed.valueToEnd() else {
                return nil
            }
            if hasValue {
                let common = commonTypeName(at: typeName, base)
                let typeNameText = common >= 0 ? TypedValue.commonTypeName(common) : text(typeName, base)
                value = Value(typeName: typeNameText, bytes: body[bytes])
            }
        }
        guard reader.isAtEnd else { return nil }
        return State(name: text(name, base), value: value)
    }

    /// The metadata entries at `range` (one invocation's ``InvocationPosition/metadata``, checked when it was
    /// read): each key's and value's place, the value `nil` when it is null.
    static func metadataEntries(in range: Range<Int>, of body: [UInt8]) -> [(key: Range<Int>, value: Range<Int>?)] {
        body.withUnsafeBufferPointer { all in
            // `range` is a position this batch gave, inside the body; the `LayoutReader` checks every read
            // against its end all the same.
            guard let base = all.baseAddress, !range.isEmpty, range.lowerBound >= 0, range.upperBound <= all.count
            else { return [] }
            var entries: [(key: Range<Int>, value: Range<Int>?)] = []
            var reader = LayoutReader(base: base, range: range)
            while reader.next(is: 0x22), let content = reader.lengthDelimited() {
                var entry = LayoutReader(base: base, range: content)
                guard let read = entry.metadataEntry() else { break }
                entries.append(read)
            }
            return entries
        }
    }

    /// The (already validated) UTF-8 text at `range`, a range a `LayoutReader` gave.
    private static func text(_ range: Range<Int>, _ base: UnsafePointer<UInt8>) -> String {
        range.isEmpty ? "" : String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// Which of ``TypedValue/commonTypeNames`` the bytes at `range` (a range a `LayoutReader` gave) spell, or -1.
    private static func commonTypeName(at range: Range<Int>, _ base: UnsafePointer<UInt8>) -> Int {
        // Over the literals, not the array: reading the global array cost a once-check per typename read.
        for index in 0..<TypedValue.commonTypeNameCount {
            let candidate = TypedValue.commonTypeName(index)
            guard candidate.utf8.count == range.count else { continue }
            // Both sides hold `range.count` bytes: the candidate's UTF-8 (compared count above) and the range.
            let equal: Bool? = candidate.utf8.withContiguousStorageIfAvailable { utf8 in
                guard let start = utf8.baseAddress else { return range.isEmpty }
                return ReceivedBatch.bytesEqual(UnsafeRawPointer(start), UnsafeRawPointer(base + range.lowerBound), range.count)
            }
            if equal ?? (String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self) == candidate) {
                return index
            }
        }
        return -1
    }
}

/// A cursor over bytes known to be inside the request; every read checks the end it was given.
///
/// Invariant: `base` is valid for reading `end` bytes (it is the body's base and `end` is at most the body's
/// count), and `position <= end` always; reads through `base` happen only at offsets below `end`.
private struct LayoutReader {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int

    init(base: UnsafePointer<UInt8>, position: Int, end: Int) {
        self.base = base
        self.position = position
        self.end = end
    }

    init(base: UnsafePointer<UInt8>, range: Range<Int>) {
        self.init(base: base, position: range.lowerBound, end: range.upperBound)
    }

    var isAtEnd: Bool { position == end }

    /// Consumes `key` if it is the next byte.
    @inline(__always)
    mutating func next(is key: UInt8) -> Bool {
        guard position < end, base[position] == key else { return false }  // read below `end`
        position += 1
        return true
    }

    @inline(__always)
    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return base[position]  // read below `end`
    }

    /// A length of at most four varint bytes (under 256 MiB), in its shortest form, and that many bytes.
    @inline(__always)
    mutating func lengthDelimited() -> Range<Int>? {
        var length = 0
        var shift = 0
        while true {
            guard let byte = byte() else { return nil }
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 {
                // A padded varint (a last byte of zero after the first) is valid protobuf but not the usual
                // layout; the model decodes it.
                guard byte != 0 || shift == 0 else { return nil }
                break
            }
            shift += 7
            guard shift < 28 else { return nil }
        }
        guard length <= end - position else { return nil }
        let range = position..<(position + length)
        position = range.upperBound
        return range
    }

    /// The field `key` as valid UTF-8 if it is next, `0..<0` if it is absent (an absent
    /// field's position), `nil` if it is malformed.
    /// Bytes equal to those at `knownValid` (checked before) are not checked again.
    @inline(__always)
    mutating func optionalString(key: UInt8, knownValid: Range<Int> = 0..<0) -> Range<Int>? {
        guard next(is: key) else { return 0..<0 }
        guard let range = lengthDelimited() else { return nil }
        // `range` and `knownValid` both came from `lengthDelimited`, so lie below `end`.
        if !knownValid.isEmpty, range.count == knownValid.count,
            ReceivedBatch.bytesEqual(UnsafeRawPointer(base + range.lowerBound), UnsafeRawPointer(base + knownValid.lowerBound), range.count)
        {
            return range
        }
        return UTF8Validation.isValid(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
            ? range : nil
    }

    /// The rest of a `TypedValue` after its typename: `has_value = 2` (one byte, 0 or 1) and `value = 3`, both
    /// optional, then the fork's `metadata = 4` entries (none from upstream's runtimes), then the end.
    /// `metadata` spans all the entries, each checked (`ReceivedBatch.metadataEntries` reads them).
    @inline(__always)
    mutating func valueToEnd() -> (hasValue: Bool, value: Range<Int>, metadata: Range<Int>)? {
        var hasValue = false
        if next(is: 0x10) {
            guard let flag = byte(), flag < 2 else { return nil }
            hasValue = flag == 1
        }
        var value = 0..<0  // an absent value's position
        if next(is: 0x1A) {
            guard let range = lengthDelimited() else { return nil }
            value = range
        }
        if isAtEnd { return (hasValue, value, 0..<0) }
        guard let metadata = metadataToEnd() else { return nil }
        return (hasValue, value, metadata)
    }

    /// The fork's `metadata = 4` entries up to the end, each checked: where they are, or `nil`. Apart from
    /// ``valueToEnd()`` so that its usual case (no metadata) stays small enough to be inlined.
    @inline(never)
    mutating func metadataToEnd() -> Range<Int>? {
        let metadataStart = position
        while next(is: 0x22) {
            guard let entry = lengthDelimited() else { return nil }
            var reader = LayoutReader(base: base, range: entry)
            guard reader.metadataEntry() != nil else { return nil }
        }
        return isAtEnd ? metadataStart..<position : nil
    }

    /// The fork's `Metadata{key = 1, value = 2, has_value = 3}` (kafka-egress.proto's `Header` is numbered
    /// alike), all three optional, in number order, then the end: the key (valid UTF-8) and the value, `nil`
    /// when `has_value` is false (a null value). `nil` for anything else (the model then decodes it).
    mutating func metadataEntry() -> (key: Range<Int>, value: Range<Int>?)? {
        guard let key = optionalString(key: 0x0A) else { return nil }
        var value = 0..<0
        if next(is: 0x12) {
            guard let range = lengthDelimited() else { return nil }
            value = range
        }
        var hasValue = false
        if next(is: 0x18) {
            guard let flag = byte(), flag < 2 else { return nil }
            hasValue = flag == 1
        }
        guard isAtEnd else { return nil }
        return (key, hasValue ? value : nil)
    }

    /// Consumes the string field `key` when it is next and holds the same bytes as `earlier` (a non-empty
    /// range already read); otherwise reads nothing and returns `nil`.
    @inline(__always)
    mutating func nextString(key: UInt8, equals earlier: Range<Int>) -> Range<Int>? {
        let n = earlier.count
        // The key, the one-byte length and `n` bytes are checked to fit below `end` before any is read;
        // `earlier` came from `lengthDelimited`.
        guard n > 0, n < 0x80, position + 2 + n <= end, base[position] == key, base[position + 1] == UInt8(n),
            ReceivedBatch.bytesEqual(UnsafeRawPointer(base + position + 2), UnsafeRawPointer(base + earlier.lowerBound), n)
        else { return nil }
        position += 2 + n
        return (position - n)..<position
    }
}
