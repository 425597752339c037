public import StateFunWire
// Public only for the inlinable typed reads and writes (specialised in the caller's module), which reach the
// cells through StateFunProtocol's `FixedBuffer`; no StateFunProtocol type appears in a public signature.
public import StateFunProtocol
/// The state of the address being invoked, for one batch: typed through ``ValueSpec``s, or by name.
///
/// Reads decode the value the runtime sent; writes and deletes take effect for the rest of the batch and are
/// returned to the runtime as mutations (only states that were written or deleted, in declaration order on
/// 3.x and in the order the runtime sent them on 2.x, as the Python SDKs do). A received value whose typename
/// differs from the declared one fails the read with ``StateFunError/stateTypeMismatch(function:state:expected:actual:)``;
/// a value the runtime sent without `has_value` reads as `nil`.
///
/// A storage belongs to one batch and is used by one handler at a time, like its ``Context``.
public final class AddressScopedStorage {
    @usableFromInline
    package struct Cell {
        package var name: String
        /// The declared type's ``TypeNameIdentity`` (0 for a state the runtime sent but the function does not
        /// declare, 2.x), and the typename its values carry under the request's protocol.
        package var declaredType: Int
        package var valueTypeName: String
        /// The value as it arrived or was stored untyped; see ``written`` for one a typed write serialized.
        @usableFromInline package var value: RawValue?
        /// Set by a typed write: the value is then `current`'s bytes with `valueTypeName` (no `RawValue` is
        /// made per write).
        @usableFromInline package var written = false
        /// Whether `value` carries `valueTypeName`: decided once when the batch starts (and by every write), so
        /// a typed read checks a flag instead of comparing typenames.
        package var typeMatches: Bool
        /// Writes serialize into these two buffers in turn: `current` holds the bytes `value` points into (after
        /// a write), `spare` is the other one, free for the next write. So a state written once per message
        /// allocates for its first two writes in a batch only, and a failed write leaves `value` untouched.
        @usableFromInline package var current: WireWriter?
        package var spare: WireWriter?
        package var dirty: Bool

        /// The serialized value, `nil` when there is none.
        @inlinable package var valueBytes: ArraySlice<UInt8>? { written ? current?.writtenBytes : value?.bytes }

        /// The value with its typename, `nil` when there is none.
        package var currentValue: RawValue? {
            written ? current.map { RawValue(typeName: valueTypeName, bytes: $0.writtenBytes) } : value
        }

        /// 2.x: false when a declared state was not in the request (module.yaml lacks it).
        package var provided: Bool
        /// 2.x: why the received bytes are unusable (not a serialized `Any`). Like the Python 2.2 SDK, which
        /// parses state lazily, this fails only the batches that touch the state.
        package var problem: String?

        /// The cell of a declared state, provided by the runtime, not yet written.
        package init(declared spec: AnyValueSpec, codec: any ProtocolCodec.Type, value: RawValue?) {
            let valueTypeName = spec.typeName(in: codec)
            name = spec.name
            declaredType = spec.typeNumber
            self.valueTypeName = valueTypeName
            self.value = value
            typeMatches = value.map { codec.matches($0.typeName, expected: valueTypeName) } ?? true
            current = nil
            spare = nil
            dirty = false
            provided = true
            problem = nil
        }

        /// A state the runtime sent that the function does not declare (2.x): no type to check it against.
        private init(undeclared name: String, value: RawValue?) {
            self.name = name
            declaredType = 0
            valueTypeName = ""
            self.value = value
            typeMatches = true
            current = nil
            spare = nil
            dirty = false
            provided = true
            problem = nil
        }

        package init(
            name: String, spec: AnyValueSpec?, codec: any ProtocolCodec.Type, value: RawValue?, dirty: Bool,
            provided: Bool, problem: String? = nil
        ) {
            if let spec {
                self.init(declared: spec, codec: codec, value: value)
            } else {
                self.init(undeclared: name, value: value)
            }
            self.name = name
            self.dirty = dirty
            self.provided = provided
            self.problem = problem
        }
    }

    /// The cells, in a buffer this storage owns: every access is an offset from it, with no uniqueness checks
    /// (the storage is not shared between threads).
    @usableFromInline let base: FixedBuffer<Cell>
    /// The number of cells (the buffer's own count).
    @inlinable var count: Int { base.count }
    package let function: TypeName
    /// The rules of the request's protocol: how typed values are written, read and matched.
    package let codec: any ProtocolCodec.Type
    /// Whether ``codec`` is ``TypedValueCodec``: typed reads and writes then call it directly, inlined (see
    /// ``ProtocolCodec``).
    @usableFromInline let usesTypedValueCodec: Bool

    package init(function: TypeName, codec: any ProtocolCodec.Type, cells: [Cell]) {
        self.function = function
        self.codec = codec
        usesTypedValueCodec = codec == TypedValueCodec.self
        pool = nil
        base = FixedBuffer(count: cells.count) { cells[$0] }
    }

    /// Creates the storage with `count` cells made in place by `cell` (no intermediate array).
    /// Where written values' buffers come from and go back to (see ``Cell/current``).
    private let pool: BufferPool?

    package init(
        function: TypeName, codec: any ProtocolCodec.Type, count: Int, pool: BufferPool? = nil,
        cell: (Int) -> Cell
    ) {
        self.function = function
        self.codec = codec
        usesTypedValueCodec = codec == TypedValueCodec.self
        self.pool = pool
        base = FixedBuffer(count: count, cell)
    }

    deinit {
        if let pool {
            for i in 0..<count where base[i].current != nil || base[i].spare != nil {
                // Drop the value first: then nothing else points into the buffers, and they can serve another batch.
                base[i].value = nil
                var writer: WireWriter?
                swap(&writer, &base[i].current)
                if var writer { pool.recycle(&writer) }
                writer = nil
                swap(&writer, &base[i].spare)
                if var writer { pool.recycle(&writer) }
            }
        }
        // The storage owns the cells (FixedBuffer's invariant): released once, here, after their last use.
        base.release()
    }

    /// The cells in order (mutations are written in this order).
    package var cells: FixedBuffer<Cell> { base }

    /// A copy of every cell, to ``restore(_:)`` the state as it was when an invocation the failure policy skips
    /// began. Cells hold their bytes in arrays, so the copy shares them until a later write copies on write.
    package func snapshot() -> [Cell] { (0..<count).map { base[$0] } }

    /// Puts back the cells of a ``snapshot()``: values, written and dirty flags, as they were.
    package func restore(_ snapshot: [Cell]) {
        guard snapshot.count == count else { return }
        for i in 0..<count { base[i] = snapshot[i] }
    }

    /// The names of the states this batch can use.
    public var names: [String] { (0..<count).map { base[$0].name } }

    @inline(__always)
    private func index(of name: String) -> Int? {
        for i in 0..<count where base[i].name == name { return i }
        return nil
    }

    private func cellIndex(for spec: AnyValueSpec, reading: Bool) throws(StateFunError) -> Int {
        guard let i = index(of: spec.name), base[i].declaredType == spec.typeNumber else {
            throw .undeclaredState(function: function, state: spec.name)
        }
        guard base[i].provided else { throw .stateNotProvided(function: function, state: spec.name) }
        if base[i].problem != nil {
            if reading, let problem = base[i].problem { throw .malformedRequest(problem) }
            base[i].problem = nil
        }
        return i
    }

    private func cellIndex(named name: String, reading: Bool) throws(StateFunError) -> Int {
        guard let i = index(of: name) else { throw .undeclaredState(function: function, state: name) }
        guard base[i].provided else { throw .stateNotProvided(function: function, state: name) }
        if base[i].problem != nil {
            if reading, let problem = base[i].problem { throw .malformedRequest(problem) }
            base[i].problem = nil
        }
        return i
    }

    // MARK: - Typed
    //
    // The generic entry points are inlinable so that, with the 3.x codec, they are specialised for the value type
    // in the caller's module (no witness-table or metadata work per access); another codec is called through the
    // protocol. What does not depend on the type is in the non-generic helpers below them.

    /// The current value of `spec`, or `nil` when it has none.
    @inlinable
    public func get<V: StateFunType>(_ spec: ValueSpec<V>) throws -> V? {
        let i = try readableCell(spec.erased)
        guard let bytes = base[i].valueBytes else { return nil }
        guard usesTypedValueCodec else { return try decodeThroughCodec(bytes, as: V.self) }
        return try TypedValueCodec.decode(bytes, as: V.self)
    }

    /// Stores `value` under `spec`.
    @inlinable
    public func set<V: StateFunType>(_ spec: ValueSpec<V>, _ value: V) throws {
        let i = try writableCell(spec.erased)
        var writer = spareWriter(at: i)
        if usesTypedValueCodec {
            try TypedValueCodec.write(value, to: &writer)
        } else {
            try writeThroughCodec(value, to: &writer)
        }
        store(writer, at: i)
    }

    /// Decodes a state value through the protocol, for a codec other than ``TypedValueCodec``.
    @usableFromInline
    func decodeThroughCodec<V: StateFunType>(_ bytes: ArraySlice<UInt8>, as type: V.Type) throws -> V {
        try codec.decode(bytes, as: type)
    }

    /// Serializes a state value through the protocol, for a codec other than ``TypedValueCodec``.
    @usableFromInline
    func writeThroughCodec<V: StateFunType>(_ value: V, to writer: inout WireWriter) throws {
        try codec.write(value, to: &writer)
    }

    /// Deletes the value of `spec`.
    public func delete<V: StateFunType>(_ spec: ValueSpec<V>) throws {
        let i = try writableCell(spec.erased)
        base[i].value = nil
        base[i].written = false
        base[i].dirty = true
    }

    /// Reads, changes and writes back `spec` in one step; the closure sees `nil` when there is no value, and
    /// setting it to `nil` deletes the value.
    @inlinable
    public func update<V: StateFunType>(_ spec: ValueSpec<V>, _ body: (inout V?) throws -> Void) throws {
        var value = try get(spec)
        try body(&value)
        if let value { try set(spec, value) } else { try delete(spec) }
    }

    /// The index of a typed state about to be read, after checking the spec is declared (with this type),
    /// provided and readable, and that its value is of the declared type.
    @usableFromInline
    func readableCell(_ spec: AnyValueSpec) throws(StateFunError) -> Int {
        let i = try cellIndex(for: spec, reading: true)
        if !base[i].typeMatches, let value = base[i].value {
            throw .stateTypeMismatch(
                function: function, state: spec.name, expected: base[i].valueTypeName, actual: value.typeName)
        }
        return i
    }

    /// The index of a typed state about to be written or deleted.
    @usableFromInline
    func writableCell(_ spec: AnyValueSpec) throws(StateFunError) -> Int {
        try cellIndex(for: spec, reading: false)
    }

    /// An empty buffer to serialize the next value of cell `i` into.
    @usableFromInline
    func spareWriter(at i: Int) -> WireWriter {
        var spare: WireWriter?
        swap(&spare, &base[i].spare)
        guard var writer = spare else { return pool?.writer(capacity: 32) ?? WireWriter(capacity: 32) }
        writer.removeAll()
        return writer
    }

    /// Stores the value serialized into `writer` (from ``spareWriter(at:)``) in cell `i`.
    @usableFromInline
    func store(_ writer: consuming WireWriter, at i: Int) {
        if base[i].value != nil { base[i].value = nil }
        base[i].written = true
        base[i].typeMatches = true
        swap(&base[i].spare, &base[i].current)
        base[i].current = writer
        base[i].dirty = true
    }

    // MARK: - By name (the Python SDK's `context["name"]` / `context.storage.name`)

    /// The value of the state `name` as it arrived (or was last written), undecoded; `nil` when it has none.
    public func get(named name: String) throws -> Message? {
        let i = try cellIndex(named: name, reading: true)
        return base[i].currentValue.map {
            Message(typeName: $0.typeName, payload: $0.bytes, protocolVersion: codec.version)
        }
    }

    /// Stores `value` under the state `name`; on 3.x it must be of the declared type.
    public func set<V: StateFunType>(_ value: V, named name: String) throws {
        try set(try Message(value, protocolVersion: codec.version), named: name)
    }

    /// Stores an undecoded value under the state `name` (`nil` bytes delete it).
    public func set(_ message: Message, named name: String) throws {
        let i = try cellIndex(named: name, reading: false)
        guard let raw = message.raw else {
            base[i].value = nil
            base[i].written = false
            base[i].dirty = true
            return
        }
        let matches = codec.matches(raw.typeName, expected: base[i].valueTypeName)
        if base[i].declaredType != 0, !matches {
            throw StateFunError.stateTypeMismatch(
                function: function, state: name, expected: base[i].valueTypeName, actual: raw.typeName)
        }
        base[i].value = raw
        base[i].written = false
        base[i].typeMatches = true
        base[i].dirty = true
    }

    /// Deletes the value of the state `name`.
    public func delete(named name: String) throws {
        let i = try cellIndex(named: name, reading: false)
        base[i].value = nil
        base[i].written = false
        base[i].dirty = true
    }
}
