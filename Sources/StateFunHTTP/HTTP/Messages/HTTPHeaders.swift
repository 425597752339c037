/// An ordered list of header fields with case-insensitive lookup.
///
/// Field names compare ASCII case-insensitively (RFC 9110 §5.1); order and duplicates
/// are kept as received, because some fields may legitimately repeat and because the
/// order of repeated fields carries meaning (RFC 9110 §5.3).
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// One field: its name as received or given, and its value without surrounding whitespace.
    public typealias Element = (name: String, value: String)

    @usableFromInline var fields: [Field]

    @usableFromInline struct Field: Sendable, Hashable {
        @usableFromInline var name: String
        @usableFromInline var value: String
        @inlinable init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates an empty header list.
    public init() { fields = [] }

    /// Creates headers from name/value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Creates headers from a literal such as `["Content-Type": "application/octet-stream"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The number of fields, duplicates included.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The value of the first field named `name` (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        for field in fields where Self.namesEqual(field.name, name) { return field.value }
        return nil
    }

    /// The values of every field named `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        fields.lazy.filter { Self.namesEqual($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` (case-insensitive) is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field, keeping any existing fields of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` by one field with `value`, at the first one's place
    /// (or at the end if there was none).
    public mutating func replaceOrAdd(name: String, value: String) {
        if let index = fields.firstIndex(where: { Self.namesEqual($0.name, name) }) {
            fields[index].value = value
            var next = index + 1
            while next < fields.count {
                if Self.namesEqual(fields[next].name, name) { fields.remove(at: next) } else { next += 1 }
            }
        } else {
            fields.append(Field(name: name, value: value))
        }
    }

    /// Removes every field named `name` (case-insensitive).
    public mutating func remove(name: String) {
        fields.removeAll { Self.namesEqual($0.name, name) }
    }

    /// Whether a comma-separated field (such as `Connection`) has `token` among its
    /// elements, compared case-insensitively, across all fields of that name.
    public func containsToken(_ token: String, in name: String) -> Bool {
        for field in fields where Self.namesEqual(field.name, name) {
            // Scan the list in place (no array of elements): this runs for every request.
            let value = field.value.utf8
            var start = value.startIndex
            while start <= value.endIndex {
                let end = value[start...].firstIndex(of: UInt8(ascii: ",")) ?? value.endIndex
                if Self.bytesEqualIgnoringCase(Self.trimmed(value[start..<end]), token.utf8) { return true }
                if end == value.endIndex { break }
                start = value.index(after: end)
            }
        }
        return false
    }

    /// Iterates the fields in order.
    public func makeIterator() -> some IteratorProtocol<Element> {
        fields.lazy.map { (name: $0.name, value: $0.value) }.makeIterator()
    }

    /// The fields one per line, as `name: value`.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// ASCII case-insensitive comparison of two field names, without allocating.
    @inlinable static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        bytesEqualIgnoringCase(lhs.utf8, rhs.utf8)
    }

    @inlinable static func bytesEqualIgnoringCase(
        _ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>
    ) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (a, b) in zip(lhs, rhs) where a != b {
            guard lowercasedASCII(a) == lowercasedASCII(b) else { return false }
        }
        return true
    }

    @inlinable static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var slice = bytes
        while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            slice = slice.dropLast()
        }
        return slice
    }
}
